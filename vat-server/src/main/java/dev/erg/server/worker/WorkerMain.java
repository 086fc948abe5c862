package dev.erg.server.worker;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.spawn.ConfinedBundles;
import dev.erg.server.spawn.ConfinedVats;
import dev.erg.server.spawn.RootMakers;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * A worker process, started by a vat-server's {@link Workers}: a node with a new identity,
 * listening on loopback, whose one exported object ({@link WorkerControl}) it names on stdout
 * as {@value #READY} followed by its sturdy ref. Only the supervisor reads that pipe, so only
 * the supervisor holds the swiss number, and it pins the worker's key through the ref's vat
 * id. The worker exits when its stdin closes, so it never outlives its supervisor.
 */
public final class WorkerMain {

    /** What the line that gives the control object's sturdy ref starts with. */
    public static final String READY = "erg-worker-ready ";

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        // Stdout is the supervisor's channel: nothing else may write to it.
        PrintStream channel = System.out;
        System.setOut(System.err);
        RootMakers makers = RootMakers.load();
        VatRuntime runtime = VatRuntime.create();
        Node node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(),
                PassableRegistry.of(makers.passables().toArray(Class<?>[]::new)));
        node.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Vat vat = runtime.newVat("worker");
        SturdyRef ref = node.sturdyRef(vat.export(new WorkerHost(vat, makers, runtime,
                ConfinedBundles.of(runtime, makers, new ConfinedVats())), WorkerControl.class), null);
        channel.println(READY + ref);
        channel.flush();
        awaitEndOfInput();
        // The supervisor is gone or let go of this worker: whatever runs here has no one to answer.
        Runtime.getRuntime().halt(0);
    }

    private static void awaitEndOfInput() {
        try {
            while (System.in.read() != -1) {
                // Only the end of input matters.
            }
        } catch (IOException e) {
            // A broken pipe ends the worker as well.
        }
    }
}
