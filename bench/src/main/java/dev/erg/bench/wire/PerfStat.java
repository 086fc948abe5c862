package dev.erg.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Context switches and system calls of one process (all its threads) while a phase runs,
 * counted by {@code perf stat -p <pid>} on the software event {@code context-switches} and the
 * tracepoint {@code raw_syscalls:sys_enter}. Counting starts a short moment before the phase
 * (perf gives no sign that it has attached) and stops right after it, so a few idle switches
 * of the JVM's housekeeping threads are counted too.
 */
final class PerfStat {

    static final String EVENTS = "context-switches,raw_syscalls:sys_enter";
    private static final long ATTACH_MILLIS = 300;

    private final Process perf;
    private final Path output;

    private PerfStat(Process perf, Path output) {
        this.perf = perf;
        this.output = output;
    }

    /** What was counted. */
    record Counts(long contextSwitches, long syscalls) {
    }

    /** Null if {@code perf stat} can count these events here, else why not. */
    static String unavailable() {
        try {
            Process probe = new ProcessBuilder("perf", "stat", "-x", ",", "-e", EVENTS, "true")
                    .redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes()).trim();
            if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0 || said.contains("not supported")
                    || said.contains("<not counted>")) {
                return "perf stat could not count " + EVENTS + ": " + said.lines().findFirst().orElse("");
            }
            return null;
        } catch (IOException e) {
            return "perf is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for perf";
        }
    }

    /** Starts counting {@code pid}'s events; returns once perf has had a moment to attach. */
    static PerfStat start(long pid) throws IOException, InterruptedException {
        Path output = Files.createTempFile("erg-perf", ".csv");
        Process perf = new ProcessBuilder("perf", "stat", "-x", ",", "-e", EVENTS, "-p", String.valueOf(pid),
                "-o", output.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(ATTACH_MILLIS);
        return new PerfStat(perf, output);
    }

    /** Stops counting (perf stat ends and writes its counts on SIGINT) and reads the counts. */
    Counts stop() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(perf.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
        if (!perf.waitFor(30, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IOException("perf stat did not stop");
        }
        List<String> lines = Files.readAllLines(output);
        Files.deleteIfExists(output);
        return new Counts(count(lines, "context-switches"), count(lines, "raw_syscalls:sys_enter"));
    }

    /** The value of {@code event} in perf's CSV lines ({@code value,unit,event,...}). */
    private static long count(List<String> lines, String event) throws IOException {
        for (String line : lines) {
            String[] fields = line.split(",");
            if (fields.length > 2 && fields[2].startsWith(event)) {
                try {
                    return Long.parseLong(fields[0].trim());
                } catch (NumberFormatException e) {
                    throw new IOException("perf did not count " + event + ": " + line);
                }
            }
        }
        throw new IOException("perf wrote no count of " + event + ": " + lines);
    }
}
