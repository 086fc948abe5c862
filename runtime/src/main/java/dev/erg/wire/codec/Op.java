package dev.erg.wire.codec;

/** The op codes of {@link Message}s on the wire, with their names and array lengths. */
final class Op {
    static final int START_SESSION = 0;
    static final int DELIVER_ONLY = 1;
    static final int DELIVER = 2;
    static final int ABORT = 3;
    static final int LISTEN = 4;
    static final int GC_EXPORTS = 5;
    static final int GC_ANSWERS = 6;
    static final int GET = 7;
    static final int INDEX = 8;
    static final int DISEMBARGO = 9;
    static final int DISEMBARGO_PROMISE = 10;

    private static final String[] NAMES = {
        "start-session", "deliver-only", "deliver", "abort", "listen", "gc-exports",
        "gc-answers", "get", "index", "disembargo", "disembargo-promise",
    };
    /** The number of items in each op's array, the op code included. */
    private static final int[] LENGTHS = {4, 4, 6, 2, 4, 3, 2, 4, 4, 3, 3};

    private Op() {
    }

    static boolean isDefined(long op) {
        return op >= 0 && op < NAMES.length;
    }

    static String name(int op) {
        return NAMES[op];
    }

    static int length(int op) {
        return LENGTHS[op];
    }

    /** Whether the op's array may end with one more item, a trace context. */
    static boolean mayBeTraced(int op) {
        return op == DELIVER || op == DELIVER_ONLY;
    }
}
