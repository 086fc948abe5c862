package dev.erg.server;

import dev.erg.server.cli.Cli;
import dev.erg.server.cli.Launch;

/**
 * The {@code vat-server} program: the daemon that hosts vats, and the tools that manage and
 * call it. {@code vat-server help} lists the commands.
 */
public final class VatServerMain {

    private VatServerMain() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(Cli.execute(Launch.system(), args));
    }
}
