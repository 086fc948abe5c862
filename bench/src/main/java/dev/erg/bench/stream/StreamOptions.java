package dev.erg.bench.stream;

import dev.erg.stream.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link StreamCompare}: the full run by default, a bounded one with
 * {@code --quick}. The full run warms up for {@value #WARM_UPS} rounds: Erg's JIT-compiled code
 * settles only after about that many transfers of a GiB (the report's "of which compiling"
 * column shows it), and the aim is about the rate a running service keeps, not its first GiB.
 *
 * @param rounds       measured rounds, each taking every measure once
 * @param warmUps      rounds run first and not reported
 * @param bulkBytes    bytes moved by each bulk transfer
 * @param chunkBytes   bytes per write (per item, for a stream) of a bulk transfer
 * @param windows      the readers' windows the bulk transfer is measured with, one Erg row each
 * @param seconds      length of the small-item stream and of the calls it is set against
 * @param streams      streams writing at once in the fairness run
 * @param fairWarmUp   seconds those streams write before the counting starts
 * @param fairSeconds  seconds counted
 * @param bulkOnly     whether only the bulk transfers are measured (no small items, calls or fairness run)
 */
record StreamOptions(int rounds, int warmUps, long bulkBytes, int chunkBytes, List<Window> windows, int seconds,
                     int streams, int fairWarmUp, int fairSeconds, boolean bulkOnly) {

    /** Warm-up rounds of the full run. */
    static final int WARM_UPS = 6;

    static final String USAGE = "usage: StreamCompare [rounds] [--quick] [--warm-up=W] [--windows=LIST] [--streams=N] [--bulk-only]"
            + " (defaults: 5 rounds after " + WARM_UPS + " of warm-up, 1 GiB in 64 KiB writes, windows default,64M, 3 s of small items"
            + " and of calls, 1,000 streams for 2 s + 5 s; --quick: 1 round, no warm-up, 16 MiB, 1 s, 50 streams"
            + " for 1 s + 1 s; LIST: 'default' or N followed by M, a fixed window of 16,384 items and N MiB, comma-separated;"
            + " --bulk-only: the bulk transfers alone)";

    private static final List<Window> WINDOWS = List.of(Window.defaults(), Window.fixed(16_384, 64L << 20));

    /** Reads the arguments; a {@link IllegalArgumentException} says what was wrong with them. */
    static StreamOptions parse(List<String> args) {
        boolean quick = args.contains("--quick");
        boolean bulkOnly = false;
        int rounds = quick ? 1 : 5;
        int warmUps = quick ? 0 : WARM_UPS;
        List<Window> windows = WINDOWS;
        int streams = quick ? 50 : 1_000;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                // read above: it sets the defaults the other arguments override
            } else if (arg.equals("--bulk-only")) {
                bulkOnly = true;
            } else if (arg.startsWith("--warm-up=")) {
                warmUps = number(arg, 0, 100);
            } else if (arg.startsWith("--windows=")) {
                windows = windows(arg.substring("--windows=".length()));
            } else if (arg.startsWith("--streams=")) {
                streams = number(arg, 1, 100_000);
            } else if (arg.matches("\\d+")) {
                rounds = number("rounds=" + arg, 1, 1_000);
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return quick
                ? new StreamOptions(rounds, warmUps, 16L << 20, 64 << 10, windows, 1, streams, 1, 1, bulkOnly)
                : new StreamOptions(rounds, warmUps, 1L << 30, 64 << 10, windows, 3, streams, 2, 5, bulkOnly);
    }

    /** What a window is, for the report. */
    static String describe(Window w) {
        if (w.equals(Window.defaults())) {
            return "default window (" + w.items() + " items, " + mib(w.bytes()) + " → " + w.maxItems() + ", "
                    + mib(w.maxBytes()) + ")";
        }
        if (w.items() == w.maxItems() && w.bytes() == w.maxBytes()) {
            return "fixed window (" + w.items() + " items, " + mib(w.bytes()) + ")";
        }
        return "window (" + w.items() + " items, " + mib(w.bytes()) + " → " + w.maxItems() + ", " + mib(w.maxBytes()) + ")";
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
    }

    private static List<Window> windows(String list) {
        List<Window> windows = new ArrayList<>();
        for (String w : list.split(",")) {
            if (w.equals("default")) {
                windows.add(Window.defaults());
            } else if (w.matches("[1-9]\\d{0,4}M")) {
                windows.add(Window.fixed(16_384, Long.parseLong(w.substring(0, w.length() - 1)) << 20));
            } else {
                throw new IllegalArgumentException("--windows: '" + w + "' is neither 'default' nor a size like 64M");
            }
        }
        return List.copyOf(windows);
    }

    private static int number(String arg, int min, int max) {
        String name = arg.substring(0, arg.indexOf('='));
        String value = arg.substring(arg.indexOf('=') + 1);
        String wrong = name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'";
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(wrong);
    }
}
