package dev.erg.bench.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hosts of their own on this machine: one Linux network namespace per host, each joined by a
 * veth pair to a bridge in this process's namespace, on a private /24 network. The bridge's
 * address ({@link #bridgeAddress}) is this side's; host {@code i} has {@link #hostAddress}.
 * Made with {@code ip}, which needs root; {@link #create} says why when it cannot.
 */
final class NetNamespaces implements AutoCloseable {

    private static final String PREFIX = "erg-cluster";
    private static final String BRIDGE = "ergcl0";
    private static final String NETWORK = "10.231.77.";

    private final int hosts;

    private NetNamespaces(int hosts) {
        this.hosts = hosts;
    }

    /** Makes {@code hosts} namespaces, or says why they cannot be made here. */
    static Creation create(int hosts) {
        NetNamespaces made = new NetNamespaces(hosts);
        try {
            made.removeLeftovers();
            ip("link", "add", BRIDGE, "type", "bridge");
            ip("addr", "add", bridgeAddress() + "/24", "dev", BRIDGE);
            ip("link", "set", BRIDGE, "up");
            for (int i = 0; i < hosts; i++) {
                String ns = name(i);
                ip("netns", "add", ns);
                ip("link", "add", "erg-h" + i, "type", "veth", "peer", "name", "erg-n" + i);
                ip("link", "set", "erg-n" + i, "netns", ns);
                ip("link", "set", "erg-h" + i, "master", BRIDGE, "up");
                ip("-n", ns, "addr", "add", hostAddress(i) + "/24", "dev", "erg-n" + i);
                ip("-n", ns, "link", "set", "erg-n" + i, "up");
                ip("-n", ns, "link", "set", "lo", "up");
            }
            return new Creation(Optional.of(made), "");
        } catch (IOException e) {
            made.close();
            return new Creation(Optional.empty(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            made.close();
            return new Creation(Optional.empty(), "interrupted");
        }
    }

    /** The namespaces made, or why none were. */
    record Creation(Optional<NetNamespaces> namespaces, String whyNot) {
    }

    /** This side's address on the hosts' network. */
    static String bridgeAddress() {
        return NETWORK + "1";
    }

    /** The network of the hosts and the bridge, in CIDR notation. */
    static String network() {
        return NETWORK + "0/24";
    }

    /** Host {@code i}'s address. */
    static String hostAddress(int i) {
        return NETWORK + (10 + i);
    }

    /** {@code command}, run in host {@code i}'s namespace. */
    List<String> inHost(int i, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", name(i)));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Deletes the namespaces (and with them their veth pairs) and the bridge. */
    @Override
    public void close() {
        try {
            removeLeftovers();
        } catch (IOException e) {
            System.err.println("could not remove the network namespaces: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes what a run killed before it could clean up left behind. */
    private void removeLeftovers() throws IOException, InterruptedException {
        for (int i = 0; i < hosts; i++) {
            quietly("ip", "netns", "del", name(i));
        }
        quietly("ip", "link", "del", BRIDGE);
    }

    private static String name(int i) {
        return PREFIX + "-" + i;
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }

    private static void quietly(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
    }
}
