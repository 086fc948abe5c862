package dev.erg.server.spi;

import dev.erg.vat.Vat;
import java.nio.file.Path;

/**
 * What a hosted service is given when it is made.
 *
 * @param name      the service's name in the configuration
 * @param vat       the vat the service lives in, its own
 * @param directory where the service may keep files, inside the data directory; it may not
 *                  exist yet
 * @param network   how the service reaches other vats, and offers its objects by sturdy ref
 * @param durables  the service's durable objects, whose state survives crashes and restarts
 * @param host      more vats, in the server's process or in worker processes
 */
public record ServiceContext(String name, Vat vat, Path directory, Network network, Durables durables, VatHost host) {
}
