package dev.erg.ocapn.syrup;

import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import io.netty.buffer.Unpooled;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OCapN's passable values in Syrup, whole: one value to and from its bytes. The mapping to
 * Erg's Java types is the table of {@code spec/ocapn.md}; {@link PassableReader} and
 * {@link PassableWriter} apply it item by item inside larger messages.
 */
public final class Passables {

    /** The label of Undefined, {@code <void>}. */
    public static final String VOID = "void";
    /** The label of Null, {@code <null>}. */
    public static final String NULL = "null";
    /** The label of a tagged value, {@code <desc:tagged 'tag value>}. */
    public static final String TAGGED = "desc:tagged";
    /** The label of an error, {@code <desc:error "message">}. */
    public static final String ERROR = "desc:error";
    /** The kind of a problem read from an error whose message names none. */
    public static final String FOREIGN_ERROR_KIND = "Error";

    /** A problem's kind and the rest of the message, as {@link #message(Problem)} joins them. */
    private static final Pattern KIND_PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,63}): (.*)", Pattern.DOTALL);

    private Passables() {
    }

    /**
     * The one passable value {@code bytes} hold, without references.
     *
     * @throws SyrupException if they are not exactly one canonical passable within {@code limits}
     */
    public static Object decode(byte[] bytes, WireLimits limits) {
        SyrupReader in = SyrupReader.of(bytes, limits);
        Object value = new PassableReader(in, ReferenceCodec.NONE).read();
        in.expectEnd();
        return value;
    }

    /**
     * The canonical encoding of {@code value}, which holds no references.
     *
     * @throws NotPassableException if it has no OCapN form, or breaks {@code limits}
     */
    public static byte[] encode(Object value, WireLimits limits) {
        SyrupWriter out = new SyrupWriter(Unpooled.buffer(), limits);
        new PassableWriter(out, ReferenceCodec.NONE).write(value);
        out.finish();
        return out.toByteArray();
    }

    /**
     * The message of the {@code desc:error} a problem crosses as: its kind, a colon, a space and
     * its message, so that a peer that shows errors shows both, and an Erg peer reads both back;
     * a problem of kind {@value #FOREIGN_ERROR_KIND} crosses as its message alone.
     */
    static String message(Problem problem) {
        return problem.kind().equals(FOREIGN_ERROR_KIND) ? problem.message() : problem.kind() + ": " + problem.message();
    }

    /**
     * The problem an error's message stands for: the kind and message {@link #message} joined,
     * or, from a peer that names no kind, {@value #FOREIGN_ERROR_KIND} and the whole message. Each
     * message is read so that it is written back the same.
     */
    static Problem problem(String message) {
        Matcher m = KIND_PREFIX.matcher(message);
        return m.matches() && !m.group(1).equals(FOREIGN_ERROR_KIND)
                ? new Problem(m.group(1), m.group(2)) : new Problem(FOREIGN_ERROR_KIND, message);
    }
}
