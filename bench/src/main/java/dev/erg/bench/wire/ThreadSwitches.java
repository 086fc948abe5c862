package dev.erg.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Context switches of one process, thread by thread, counted by {@code perf stat --per-thread
 * -e context-switches -p <pid>}: which threads wake for a call shows where it is handed from
 * one thread to another. Threads are grouped by name with their numbers dropped
 * ({@code erg-vat-0} and {@code erg-vat-1} count as {@code erg-vat-#}).
 */
final class ThreadSwitches {

    private static final long ATTACH_MILLIS = 300;

    private final Process perf;
    private final Path output;

    private ThreadSwitches(Process perf, Path output) {
        this.perf = perf;
        this.output = output;
    }

    /** Starts counting {@code pid}'s threads; returns once perf has had a moment to attach. */
    static ThreadSwitches start(long pid) throws IOException, InterruptedException {
        Path output = Files.createTempFile("erg-perf-threads", ".csv");
        Process perf = new ProcessBuilder("perf", "stat", "--per-thread", "-x", ",", "-e", "context-switches",
                "-p", String.valueOf(pid), "-o", output.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(ATTACH_MILLIS);
        return new ThreadSwitches(perf, output);
    }

    /** Stops counting and reads the switches by thread group, the busiest first in iteration order of their names. */
    Map<String, Long> stop() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(perf.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
        if (!perf.waitFor(30, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IOException("perf stat did not stop");
        }
        List<String> lines = Files.readAllLines(output);
        Files.deleteIfExists(output);
        Map<String, Long> byGroup = new TreeMap<>();
        for (String line : lines) {
            // comm-tid,count,unit,event,...
            String[] fields = line.split(",");
            if (fields.length < 4 || !fields[3].startsWith("context-switches")) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(fields[1].trim());
            } catch (NumberFormatException notCounted) {
                continue;
            }
            if (count > 0) {
                byGroup.merge(group(fields[0]), count, Long::sum);
            }
        }
        return byGroup;
    }

    /** {@code erg-vat-1-4242} → {@code erg-vat-#}: the thread id and the pool index dropped. */
    static String group(String commAndTid) {
        int dash = commAndTid.lastIndexOf('-');
        String comm = dash > 0 ? commAndTid.substring(0, dash) : commAndTid;
        return comm.replaceAll("\\d+", "#");
    }
}
