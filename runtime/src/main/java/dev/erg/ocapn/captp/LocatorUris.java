package dev.erg.ocapn.captp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The URIs of OCapN's locators, given out of band: {@code ocapn://designator.transport} for a
 * node and {@code ocapn://designator.transport/s/swiss} for a sturdy ref, hints as the query
 * ({@code ?host=…&port=…}). The last {@code .} of the authority separates the transport. Each
 * part is percent-encoded as RFC 3986 requires; hints are written sorted by name. Erg's own
 * {@code captp://} URIs are not these: the two schemes live side by side.
 */
public final class LocatorUris {

    /** The scheme of OCapN's locators, with its separator. */
    public static final String PREFIX = "ocapn://";
    private static final String STURDY = "/s/";
    private static final int MAX_LENGTH = 8192;

    private LocatorUris() {
    }

    /** The URI of {@code node}. */
    public static String format(PeerLocator node) {
        return authority(node) + query(node);
    }

    /** The URI of {@code sturdyRef}. */
    public static String format(SturdyRefLocator sturdyRef) {
        return authority(sturdyRef.node()) + STURDY + encode(sturdyRef.swissNumber()) + query(sturdyRef.node());
    }

    /** Whether {@code uri} is an OCapN locator rather than, say, a {@code captp://} one. */
    public static boolean isOcapn(String uri) {
        return uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Parses a node URI.
     *
     * @throws IllegalArgumentException if {@code uri} is not one, saying why
     */
    public static PeerLocator parseNode(String uri) {
        Parts parts = split(uri);
        if (parts.swiss != null) {
            throw new IllegalArgumentException("'" + shown(uri) + "' is a sturdy ref (expected: a node locator)");
        }
        return parts.node;
    }

    /**
     * Parses a sturdy ref URI.
     *
     * @throws IllegalArgumentException if {@code uri} is not one, saying why
     */
    public static SturdyRefLocator parseSturdyRef(String uri) {
        Parts parts = split(uri);
        if (parts.swiss == null) {
            throw new IllegalArgumentException("'" + shown(uri) + "' has no /s/ and a swiss number (expected: a sturdy ref)");
        }
        return new SturdyRefLocator(parts.node, parts.swiss);
    }

    private record Parts(PeerLocator node, String swiss) {
    }

    private static Parts split(String uri) {
        if (uri.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("locator of " + uri.length() + " characters (expected: <= " + MAX_LENGTH + ")");
        }
        if (!isOcapn(uri)) {
            throw new IllegalArgumentException("'" + shown(uri) + "' (expected: a URI starting " + PREFIX + ")");
        }
        String rest = uri.substring(PREFIX.length());
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String swiss = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (!rest.startsWith(STURDY, slash)) {
                throw new IllegalArgumentException("'" + shown(uri) + "' has a path other than /s/<swiss number>");
            }
            swiss = decode(rest.substring(slash + STURDY.length()), uri);
            rest = rest.substring(0, slash);
        }
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            throw new IllegalArgumentException("'" + shown(uri) + "' (expected: ocapn://<designator>.<transport>)");
        }
        Map<String, String> hints = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + shown(uri) + "' has a hint without name=value");
                }
                String name = decode(pair.substring(0, eq), uri);
                if (hints.put(name, decode(pair.substring(eq + 1), uri)) != null) {
                    throw new IllegalArgumentException("'" + shown(uri) + "' names hint '" + name + "' twice");
                }
            }
        }
        PeerLocator node = new PeerLocator(decode(rest.substring(0, dot), uri),
                decode(rest.substring(dot + 1), uri), hints);
        return new Parts(node, swiss);
    }

    private static String authority(PeerLocator node) {
        return PREFIX + encode(node.designator()) + "." + encode(node.transport());
    }

    private static String query(PeerLocator node) {
        if (node.hints().isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        node.hints().forEach((name, value) -> joiner.add(encode(name) + "=" + encode(value)));
        return joiner.toString();
    }

    /** Percent-encodes all but RFC 3986's unreserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String text, String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new IllegalArgumentException("'" + shown(uri) + "' has a bad percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("'" + shown(uri) + "' has an unescaped character U+"
                        + Integer.toHexString(c));
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + shown(uri) + "' escapes bytes that are not UTF-8", e);
        }
    }

    /** {@code uri} as an error message shows it: at most 100 characters. */
    private static String shown(String uri) {
        return uri.length() <= 100 ? uri : uri.substring(0, 100) + "…";
    }
}
