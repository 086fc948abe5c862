package dev.erg.bench.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packets sent over the loopback interface, from the kernel's counter: every packet of the
 * systems compared, and of anything else on the machine, which should be quiet.
 */
final class LoopbackPackets {

    private static final Path TX = Path.of("/sys/class/net/lo/statistics/tx_packets");

    private LoopbackPackets() {
    }

    /** The counter now, or -1 where the kernel does not expose it. */
    static long count() {
        try {
            return Long.parseLong(Files.readString(TX).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
