package dev.erg.net.link;

import dev.erg.crypto.VatTls;
import dev.erg.crypto.VatId;
import dev.erg.wire.codec.WireCodec;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The reasons a connection closes, in words: from the exception that closed it, from a failed
 * TLS handshake, and cut to fit the abort frame that tells the peer.
 */
final class Reasons {

    /** Longest abort reason sent, in UTF-8 bytes. */
    private static final int MAX_REASON_BYTES = 1024;

    private Reasons() {
    }

    /** What {@code cause} says: a TLS refusal's message, or its root cause's. */
    static String of(Throwable cause) {
        return VatTls.refusalIn(cause)
                .map(Throwable::getMessage)
                .orElseGet(() -> {
                    Throwable root = rootOf(cause);
                    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
                });
    }

    /**
     * Why TLS failed, for the dialer's problem: a listener that neither hosts nor knows the vat
     * named by the server name answers with the alert {@code unrecognized_name}.
     *
     * @param expected the vat id a dialer expects, or null on the listening side
     */
    static String tlsFailure(VatId expected, Channel channel, Throwable cause) {
        String reason = of(cause);
        if (expected != null && reason.contains("unrecognized_name")) {
            return "the server at " + at(channel) + " does not host vat " + expected
                    + " (TLS alert unrecognized_name)";
        }
        return "TLS handshake failed: " + reason;
    }

    /**
     * The reason cut to fit a text the peer accepts: reasons quote the peer's own bytes (an
     * unknown name, a version), which may be as long as the limit themselves.
     */
    static String sendable(String reason, WireCodec codec) {
        int max = Math.min(codec.limits().maxStringBytes(), MAX_REASON_BYTES);
        if (reason.getBytes(StandardCharsets.UTF_8).length <= max) {
            return reason;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 3;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > max) {
                break;
            }
            cut.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return cut.append('…').toString();
    }

    /** The peer's address as {@code host:port}. */
    static String at(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address
                ? address.getHostString() + ":" + address.getPort()
                : String.valueOf(channel.remoteAddress());
    }

    static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static Throwable rootOf(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
