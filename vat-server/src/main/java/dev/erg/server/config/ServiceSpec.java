package dev.erg.server.config;

/**
 * One service the configuration asks to host, in a vat of its own.
 *
 * @param name  the service's name, unique in the configuration; also its vat's name
 * @param maker the name of the {@link dev.erg.server.spi.ServiceMaker} that makes it
 * @param line  where the configuration file names it, for messages
 */
public record ServiceSpec(String name, String maker, int line) {
}
