package dev.erg.server.config;

import java.net.InetSocketAddress;

/** Reads {@code host:port} and {@code [ipv6]:port} as unresolved socket addresses. */
final class HostPort {

    private HostPort() {
    }

    /**
     * @param minPort 0 where "any free port" is allowed, else 1
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    static InetSocketAddress parse(String text, int minPort) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("\"" + text + "\" is not host:port (write an IPv6 host as [::1])");
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c == ',')) {
            throw new IllegalArgumentException("\"" + text + "\" has an invalid host");
        }
        String port = text.substring(colon + 1);
        int number = port.length() > 5 || port.isEmpty() || port.chars().anyMatch(c -> c < '0' || c > '9')
                ? -1 : Integer.parseInt(port);
        if (number < minPort || number > 65_535) {
            throw new IllegalArgumentException("port \"" + port + "\" is not a number from " + minPort + " to 65535");
        }
        return InetSocketAddress.createUnresolved(host, number);
    }

    /** {@code address} as {@link #parse} reads it. */
    static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
