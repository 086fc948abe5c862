#!/usr/bin/env bash
# How long one `vat-server call` takes, beside the cost of starting the JVM.
#
#   bench/cli-call.sh [RUNS]        (default 11 runs of each; JAVA_HOME: a JDK 25, else `java` on the PATH)
#
# Serves a new data directory on a free loopback port with `bin/vat-server run`, then times,
# RUNS times each: `java -version` on the flags bin/vat-server gives short commands (the JVM's
# start), `bin/vat-server help` (the command line's start, no network), and `bin/vat-server call
# REF increment 5`. With BASELINE_JAR=path/to/erg-vat-server.jar (another build, its lib/
# beside it) it also times `java -jar BASELINE_JAR call REF increment 5` on the flags the
# launcher used before it had any for short commands, interleaved with the others so that
# both see the same load. With BASELINE_LAUNCHER=path/to/other/bin/vat-server (another checkout,
# its jar built) it times that launcher's `call` the same way, interleaved too.
#
# Prints, per command, the median, minimum and maximum wall-clock time and the median CPU time
# (user + system) in milliseconds, and the machine's load before and after. The machine this
# ran on is shared, so CPU time is the steadier figure.
set -euo pipefail

runs="${1:-11}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/bin/vat-server"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
flags=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
short=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

work="$(mktemp -d)"
server=""
cleanup() {
  if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" && wait "$server" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# The client identity of these calls stays here, not in the user's configuration directory.
export XDG_CONFIG_HOME="$work/config"

# The first command builds the jar if it is missing or stale, so that no run below includes a build.
"$launcher" init "$work/data" --listen 127.0.0.1:0 >/dev/null
"$launcher" run --data "$work/data" >"$work/refs" 2>"$work/server.log" &
server=$!
for _ in $(seq 300); do
  [[ -s "$work/refs" ]] && break
  sleep 0.1
done
ref="$(head -n 1 "$work/refs")"
[[ "$ref" == captp://* ]] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

names=()
commands=()
add() {
  names+=("$1")
  commands+=("$2")
}
add "java -version (short-command flags)" "$(printf '%q ' "$java" "${flags[@]}" "${short[@]}" -version)"
add "bin/vat-server help" "$(printf '%q ' "$launcher" help)"
add "bin/vat-server call REF increment 5" "$(printf '%q ' "$launcher" call "$ref" increment 5)"
if [[ -n "${BASELINE_JAR:-}" ]]; then
  add "baseline: java -jar BASELINE_JAR call" "$(printf '%q ' "$java" "${flags[@]}" -jar "$BASELINE_JAR" call "$ref" increment 5)"
fi
if [[ -n "${BASELINE_LAUNCHER:-}" ]]; then
  add "baseline: BASELINE_LAUNCHER call" "$(printf '%q ' "$BASELINE_LAUNCHER" call "$ref" increment 5)"
fi

# Two calls first: the first writes the launcher's class archive, the second warms the page cache.
for _ in 1 2; do
  for command in "${commands[@]}"; do
    eval "$command" >/dev/null 2>&1 || { echo "failed: $command" >&2; eval "$command" >&2 || true; exit 1; }
  done
done

echo "load before: $(uptime | sed 's/.*load average: //')"
echo "runs: $runs, interleaved"
TIMEFORMAT="%R %U %S"
for run in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    # `time` reports on stderr, after the command's own stderr, which goes nowhere.
    { time eval "${commands[$i]}" >/dev/null 2>&1; } 2>>"$work/times.$i"
  done
done
echo "load after:  $(uptime | sed 's/.*load average: //')"

# The median, minimum and maximum of a column of numbers, one a line.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
printf '%-40s %8s %8s %8s %9s\n' "command" "median" "min" "max" "cpu med."
for i in "${!commands[@]}"; do
  read -r median min max < <(awk '{ print int($1 * 1000) }' "$work/times.$i" | stats)
  read -r cpu _ _ < <(awk '{ print int(($2 + $3) * 1000) }' "$work/times.$i" | stats)
  printf '%-40s %8s %8s %8s %9s\n' "${names[$i]}" "$median" "$min" "$max" "$cpu"
done
