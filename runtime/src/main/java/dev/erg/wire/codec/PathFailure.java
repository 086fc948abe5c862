package dev.erg.wire.codec;

import dev.erg.wire.NotPassableException;
import java.util.ArrayList;

/**
 * A failure inside the codec that still has to learn where it happened. Each container it
 * unwinds through adds its path segment, innermost first; the codec's entry points turn it into
 * a {@link ProtocolException} (decoding) or a {@link NotPassableException} (encoding). Carrying
 * the path this way costs nothing until something fails.
 */
final class PathFailure extends RuntimeException {

    private final ProtocolError error;
    private final String detail;
    private final String reason;
    private final String expected;
    private final ArrayList<String> segments = new ArrayList<>();

    /**
     * A failure reading as {@code "<detail> at <path>: <reason> (expected: <expected>)"}.
     *
     * @param error    the kind of protocol error; {@code null} for an encoding failure
     * @param detail   what was found, e.g. {@code "list length 70000"}
     * @param reason   why it was rejected, or {@code null}
     * @param expected what was expected, or {@code null}
     */
    PathFailure(ProtocolError error, String detail, String reason, String expected) {
        super(null, null, false, false);
        this.error = error;
        this.detail = detail;
        this.reason = reason;
        this.expected = expected;
    }

    /** A decoding failure without a separate reason. */
    static PathFailure of(ProtocolError error, String detail, String expected) {
        return new PathFailure(error, detail, null, expected);
    }

    /** An encoding failure. */
    static PathFailure notPassable(String detail, String expected) {
        return new PathFailure(null, detail, null, expected);
    }

    /** Adds the segment of the container this failure unwinds through, e.g. {@code ".args"}. */
    PathFailure at(String segment) {
        segments.add(segment);
        return this;
    }

    /** Adds the segment of list item {@code index}. */
    PathFailure atIndex(int index) {
        return at("[" + index + "]");
    }

    String path() {
        StringBuilder path = new StringBuilder("$");
        for (int i = segments.size() - 1; i >= 0; i--) {
            path.append(segments.get(i));
        }
        return path.toString();
    }

    @Override
    public String getMessage() {
        StringBuilder message = new StringBuilder(detail).append(" at ").append(path());
        if (reason != null) {
            message.append(": ").append(reason);
        }
        if (expected != null) {
            message.append(" (expected: ").append(expected).append(')');
        }
        return message.toString();
    }

    ProtocolException toProtocolException() {
        return new ProtocolException(error, getMessage());
    }

    NotPassableException toNotPassable() {
        return new NotPassableException(getMessage());
    }
}
