package dev.erg.server.durable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who holds a store's lease, as the {@code owner} row names it: host, process id, the process's
 * start and a random token, as {@code host/pid/startMillis/token}. A holder on this host whose
 * process has ended cannot hold the lease any more; one elsewhere may live as long as its lease.
 */
record Holder(String host, long pid, long started, String token) {

    private static final String HOST = hostName();

    /** This process, with a token of its own for each start. */
    static Holder current() {
        ProcessHandle self = ProcessHandle.current();
        byte[] token = new byte[6];
        new SecureRandom().nextBytes(token);
        return new Holder(HOST, self.pid(), startMillis(self).orElse(0L), HexFormat.of().formatHex(token));
    }

    /** How the {@code owner} row writes it. */
    String text() {
        return host + "/" + pid + "/" + started + "/" + token;
    }

    /** Whether the holder named by {@code text} may still run: false only for an ended process of this host. */
    static boolean mayLive(String text) {
        String[] parts = text.split("/");
        if (parts.length != 4 || !parts[0].equals(HOST)) {
            return true;
        }
        try {
            long pid = Long.parseLong(parts[1]);
            long started = Long.parseLong(parts[2]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            // A process of the same id started at another time is another process.
            return process.isPresent() && (started == 0 || startMillis(process.get()).map(at -> at == started).orElse(true));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(at -> at.toEpochMilli());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '_');
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
