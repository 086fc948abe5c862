package dev.erg.bench.wire;

import java.util.List;

/**
 * The optional last part of {@link WireCompare}: each system's round trips, its throughput and
 * its chains once more, each under {@link PerfStat} in this process and in the system's
 * server, printed per round trip, per message and per chain. Not part of the timed figures: the
 * tracepoint slows every system call down.
 */
final class PerfPhase {

    private PerfPhase() {
    }

    static void run(List<WireSystem> systems, WireOptions options) throws Exception {
        System.out.println();
        String unavailable = PerfStat.unavailable();
        if (unavailable != null) {
            System.out.println("Context switches and system calls: not counted, " + unavailable + ".");
            return;
        }
        System.out.println("Context switches and system calls (perf stat -e " + PerfStat.EVENTS
                + ", all threads; client = this JVM, server = the system's JVM), per round trip with one outstanding, "
                + "per message with " + String.format("%,d", WireSystem.OUTSTANDING) + " outstanding and per "
                + WireSystem.CHAIN + "-call chain; "
                + "packets: the loopback interface's, both directions, from the kernel's counter:");
        System.out.println();
        System.out.println("| system | phase | client switches | server switches | client syscalls | server syscalls | packets |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        long self = ProcessHandle.current().pid();
        for (WireSystem system : systems) {
            PerfStat client = PerfStat.start(self);
            PerfStat server = PerfStat.start(system.serverPid());
            long packets = LoopbackPackets.count();
            system.roundTrips(options.roundTrips(), options.sender());
            row(system, "round trip", client.stop(), server.stop(), packets, options.roundTrips());

            client = PerfStat.start(self);
            server = PerfStat.start(system.serverPid());
            packets = LoopbackPackets.count();
            long start = System.nanoTime();
            double perSecond = system.throughput(options.seconds(), options.sender());
            long messages = Math.round(perSecond * (System.nanoTime() - start) / 1e9);
            row(system, "message at " + String.format("%,d", WireSystem.OUTSTANDING), client.stop(), server.stop(),
                    packets, messages);

            client = PerfStat.start(self);
            server = PerfStat.start(system.serverPid());
            packets = LoopbackPackets.count();
            system.chains(options.chains(), options.sender());
            row(system, WireSystem.CHAIN + "-call chain", client.stop(), server.stop(), packets, options.chains());
        }
    }

    /** One row; {@code packetsBefore} is the loopback counter at the phase's start. */
    private static void row(WireSystem system, String phase, PerfStat.Counts client, PerfStat.Counts server,
                            long packetsBefore, long ops) {
        long packetsAfter = LoopbackPackets.count();
        String packets = packetsBefore < 0 || packetsAfter < 0 ? "n/a"
                : String.format("%.2f", (packetsAfter - packetsBefore) / (double) ops);
        System.out.printf("| %s | %s | %.2f | %.2f | %.2f | %.2f | %s |%n", system.name(), phase,
                client.contextSwitches() / (double) ops, server.contextSwitches() / (double) ops,
                client.syscalls() / (double) ops, server.syscalls() / (double) ops, packets);
    }
}
