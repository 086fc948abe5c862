package dev.erg.bench.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What the server processes of this package share: announcing where they serve, and waiting to be stopped. */
final class PeerMain {

    private PeerMain() {
    }

    /** Prints {@code READY <address>} for {@link dev.erg.bench.captp.PeerProcess}, then returns when stdin closes. */
    static void serveUntilStdinCloses(String address) throws IOException {
        System.out.println("READY " + address);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // The parent says nothing; it closes stdin to stop us.
        }
    }

    /** The TLS stores named by a server's arguments {@code <dir> <password>}. */
    static TlsFiles tls(String server, String[] args) {
        if (args.length != 2) {
            System.err.println("usage: " + server + " <tls dir> <password>");
            System.exit(2);
        }
        return TlsFiles.open(java.nio.file.Path.of(args[0]), args[1]);
    }
}
