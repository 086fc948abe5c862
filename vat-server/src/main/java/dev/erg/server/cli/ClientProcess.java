package dev.erg.server.cli;

/**
 * What a command that only connects as a client sets before its first connection, so that it
 * starts fast: each setting is left alone if the user gave it with {@code -D}.
 */
final class ClientProcess {

    private ClientProcess() {
    }

    /**
     * Skips what a CapTP client never uses. Netty initialises a default JDK TLS context to
     * learn its cipher suites, which loads the JDK's store of certificate authorities; vats pin
     * each other's keys and trust no authority, so an empty store ({@code NONE}) serves. And
     * Netty's allocator looks for Flight Recorder, whose start cost a call about a tenth of
     * its CPU time (bench/RESULTS.md).
     */
    static void prepare() {
        setUnlessGiven("javax.net.ssl.trustStore", "NONE");
        setUnlessGiven("io.netty.jfr.enabled", "false");
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
