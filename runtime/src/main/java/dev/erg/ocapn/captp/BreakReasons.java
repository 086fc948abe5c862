package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.Passables;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.vat.Problem;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Promises broken with a value that is no error. OCapN lets a {@code 'break} carry any
 * passable (Goblins' and the public test suite's {@code 'break 'oh-no}); Erg breaks promises
 * only with a {@link Problem}. Such a reason becomes a problem of kind {@value #KIND} whose
 * message is the reason's canonical Syrup in a printable notation ({@code 5'oh-no}): printable
 * ASCII as itself but for the backslash, doubled, and every other byte as {@code \xNN}. The
 * OCapN codec writes such a problem, in a {@code 'break}, as the reason itself, so that a peer
 * sees exactly what the promise was broken with ({@code spec/ocapn.md} section 2.1).
 */
public final class BreakReasons {

    /** The kind of a problem that stands for a break reason that is no error. */
    public static final String KIND = "ocapn.Reason";

    private static final HexFormat HEX = HexFormat.of();

    private BreakReasons() {
    }

    /**
     * The problem a break with {@code reason} stands for: the problem itself, or one of kind
     * {@value #KIND} holding the reason's Syrup. A reason that holds references cannot be kept
     * in a problem: it becomes a problem of kind {@value Passables#FOREIGN_ERROR_KIND} saying so.
     */
    public static Problem problem(Object reason, WireLimits limits) {
        if (reason instanceof Problem problem) {
            return problem;
        }
        try {
            return new Problem(KIND, notation(Passables.encode(reason, limits)));
        } catch (NotPassableException e) {
            return Problem.of(Passables.FOREIGN_ERROR_KIND, "broken with a value a problem cannot hold: %s",
                    e.getMessage());
        }
    }

    /**
     * What a break with {@code problem} is written with: the reason a problem of kind
     * {@value #KIND} holds, or the problem itself if it is of another kind or its message is no
     * reason's notation.
     */
    static Object written(Problem problem, WireLimits limits) {
        if (!problem.kind().equals(KIND)) {
            return problem;
        }
        byte[] syrup = bytes(problem.message());
        if (syrup == null) {
            return problem;
        }
        try {
            return Passables.decode(syrup, limits);
        } catch (SyrupException e) {
            return problem;
        }
    }

    private static String notation(byte[] syrup) {
        StringBuilder text = new StringBuilder(syrup.length);
        for (byte b : syrup) {
            if (b == '\\') {
                text.append("\\\\");
            } else if (b >= 0x20 && b < 0x7f) {
                text.append((char) b);
            } else {
                text.append("\\x").append(HEX.toHexDigits(b));
            }
        }
        return text.toString();
    }

    /** The bytes {@code text} notes, or null if it is no such notation. */
    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return null;
            }
            if (c != '\\') {
                out.write(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < text.length() && text.charAt(i + 1) == 'x' && HexFormat.isHexDigit(text.charAt(i + 2))
                    && HexFormat.isHexDigit(text.charAt(i + 3))) {
                out.write(HexFormat.fromHexDigits(text, i + 2, i + 4));
                i += 3;
            } else {
                return null;
            }
        }
        return out.toByteArray();
    }
}
