package dev.erg.server.host;

import dev.erg.captp.SturdyRef;

/**
 * A service a running server hosts.
 *
 * @param name      its name in the configuration, and its vat's
 * @param maker     the maker that made it
 * @param sturdyRef the oldest sturdy ref issued to it
 */
public record HostedService(String name, String maker, SturdyRef sturdyRef) {
}
