package dev.erg.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port free now, for a server that must come back on the same port after a restart. */
public final class FreePort {

    private FreePort() {
    }

    /** A port that nothing on loopback listens on at this instant. */
    public static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
