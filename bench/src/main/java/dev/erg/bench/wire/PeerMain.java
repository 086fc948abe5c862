package dev.erg.bench.wire;

import dev.erg.bench.captp.CapTpBench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** What the server processes of the benchmarks share: announcing where they serve, and waiting to be stopped. */
public final class PeerMain {

    private PeerMain() {
    }

    /**
     * Prints {@code READY <address>} for {@link dev.erg.bench.captp.PeerProcess}; then answers
     * each {@code heap} line with {@code HEAP <bytes used after a full collection>}
     * ({@link dev.erg.bench.captp.PeerProcess#heap()}), and returns when stdin closes.
     */
    public static void serveUntilStdinCloses(String address) throws IOException {
        System.out.println("READY " + address);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("heap")) {
                System.out.println("HEAP " + CapTpBench.usedHeapAfterGc());
                System.out.flush();
            }
        }
    }

    /** The TLS stores named by a server's arguments {@code <dir> <password>}. */
    public static TlsFiles tls(String server, String[] args) {
        if (args.length != 2) {
            System.err.println("usage: " + server + " <tls dir> <password>");
            System.exit(2);
        }
        return TlsFiles.open(java.nio.file.Path.of(args[0]), args[1]);
    }
}
