#!/usr/bin/env bash
# How long one `vat-server call` takes, beside the cost of starting the JVM.
#
#   bench/cli-call.sh [RUNS]        (default 11 runs of each; JAVA_HOME: a JDK 25, else `java` on the PATH)
#
# Serves a new data directory on a free loopback port, then times, RUNS times each and one
# after the other: `java -version` and `java -jar erg-vat-server.jar help` (the JVM's start
# and the command line's, on the launcher's flags), `java -jar erg-vat-server.jar call REF
# increment 5`, and `bin/vat-server call REF increment 5` (with the launcher's own work).
# Prints the median, minimum and maximum of each in milliseconds, and the machine's load.
set -euo pipefail

runs="${1:-11}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/bin/vat-server"
jar="$root/vat-server/target/erg-vat-server.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
flags=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)

work="$(mktemp -d)"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" && wait "$server" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The first call builds the jar if it is missing or stale, so that no run below includes a build.
"$launcher" init "$work/data" --listen 127.0.0.1:0 >/dev/null
"$launcher" run --data "$work/data" >"$work/refs" 2>"$work/server.log" &
server=$!
for _ in $(seq 300); do
  [[ -s "$work/refs" ]] && break
  sleep 0.1
done
ref="$(head -n 1 "$work/refs")"
[[ "$ref" == captp://* ]] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# Runs "$@" RUNS times, its output thrown away; prints "median min max" in milliseconds.
timed() {
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" >&2 || true; exit 1; }
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%d %d %d\n", t[int((NR + 1) / 2)], t[1], t[NR] }'
}

"$launcher" call "$ref" increment 5 >/dev/null   # one call to warm the page cache
echo "load: $(uptime | sed 's/.*load average: //')"
echo "runs: $runs"
printf '%-44s %8s %8s %8s\n' "command" "median" "min" "max"
report() {
  local name="$1"; shift
  read -r median min max < <(timed "$@")
  printf '%-44s %8s %8s %8s\n' "$name" "$median" "$min" "$max"
}
report "java -version" "$java" "${flags[@]}" -version
report "java -jar erg-vat-server.jar help" "$java" "${flags[@]}" -jar "$jar" help
report "java -jar erg-vat-server.jar call" "$java" "${flags[@]}" -jar "$jar" call "$ref" increment 5
report "bin/vat-server call" "$launcher" call "$ref" increment 5
echo "load: $(uptime | sed 's/.*load average: //')"
