package dev.erg.captp;

import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An unguessable URI naming one object across restarts and partitions:
 * {@code captp://<vat-id>@<host>:<port>[,<host>:<port>...]/<swiss>} (grammar in
 * {@code spec/README.md}, section 12). The vat id says who may answer; the hints say where to
 * look; the swiss number is the secret that designates the object. Whoever holds the text
 * holds the object, so {@link #toString()} reveals it and should be handled as a secret.
 *
 * @param vatId the vat that hosts the object
 * @param hints where to dial it, in order; unresolved addresses
 * @param swiss the secret naming the object at that vat
 */
public record SturdyRef(VatId vatId, List<InetSocketAddress> hints, SwissNumber swiss) {

    private static final String SCHEME = "captp://";

    /** Checks that there is at least one hint. */
    public SturdyRef {
        Objects.requireNonNull(vatId, "vatId");
        Objects.requireNonNull(swiss, "swiss");
        hints = List.copyOf(hints);
        if (hints.isEmpty()) {
            throw new IllegalArgumentException("a sturdy ref needs at least one location hint");
        }
    }

    /**
     * Reads a sturdy ref.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static SturdyRef parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(SCHEME)) {
            throw bad(text, "must start with " + SCHEME);
        }
        int at = text.indexOf('@');
        int slash = text.indexOf('/', Math.max(at, SCHEME.length()));
        if (at < 0) {
            throw bad(text, "no '@' after the vat id");
        }
        if (slash < 0) {
            throw bad(text, "no '/' before the swiss number");
        }
        VatId vatId;
        try {
            vatId = VatId.parse(text.substring(SCHEME.length(), at));
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
        List<InetSocketAddress> hints = new ArrayList<>();
        for (String hint : text.substring(at + 1, slash).split(",", -1)) {
            try {
                hints.add(parseHint(hint));
            } catch (IllegalArgumentException e) {
                throw bad(text, e.getMessage());
            }
        }
        SwissNumber swiss;
        try {
            swiss = SwissNumber.parse(text.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
        return new SturdyRef(vatId, hints, swiss);
    }

    /**
     * A location hint, {@code host:port} (an IPv6 host in brackets), as an unresolved address.
     *
     * @throws IllegalArgumentException if {@code hint} is not one, saying why
     */
    public static InetSocketAddress parseHint(String hint) {
        int colon = hint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("location hint '" + hint + "' is not host:port");
        }
        String host = hint.substring(0, colon);
        if (host.startsWith("[") != host.endsWith("]")) {
            throw new IllegalArgumentException("location hint '" + hint + "' has an unclosed IPv6 literal");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bareHost.isEmpty() || bareHost.chars().anyMatch(c -> c == '%' || c == '?' || c == '#' || c == '/' || c <= ' ')) {
            throw new IllegalArgumentException("location hint '" + hint + "' has an invalid host");
        }
        String port = hint.substring(colon + 1);
        int number;
        try {
            number = port.length() > 5 || port.chars().anyMatch(c -> c < '0' || c > '9') ? -1 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65_535) {
            throw new IllegalArgumentException("location hint '" + hint + "' has port '" + port + "' (expected: 1 to 65535)");
        }
        return InetSocketAddress.createUnresolved(bareHost, number);
    }

    private static IllegalArgumentException bad(String text, String what) {
        // The text holds a secret: name the problem, never echo the swiss number.
        int secretAt = text.lastIndexOf('/');
        String shown = secretAt > SCHEME.length() ? text.substring(0, secretAt + 1) + "…" : text;
        return new IllegalArgumentException("sturdy ref " + shown + ": " + what);
    }

    /** The URI text; it contains the secret swiss number. */
    @Override
    public String toString() {
        StringBuilder uri = new StringBuilder(SCHEME).append(vatId).append('@');
        for (int i = 0; i < hints.size(); i++) {
            InetSocketAddress hint = hints.get(i);
            String host = hint.getHostString();
            uri.append(i == 0 ? "" : ",").append(host.contains(":") ? "[" + host + "]" : host).append(':').append(hint.getPort());
        }
        return uri.append('/').append(swiss.text()).toString();
    }
}
