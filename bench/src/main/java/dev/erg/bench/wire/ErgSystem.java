package dev.erg.bench.wire;

import dev.erg.bench.captp.PeerProcess;
import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Erg CapTP calls to the {@link WireEcho} that {@link ErgPeer} serves, over a {@link Node}
 * with the defaults. Round trips are {@code echo(payload)}, joined on this thread or, with
 * {@link Sender#ANSWERS}, made from a client vat when the one before is answered
 * ({@link ErgSamples}); throughput keeps {@value #OUTSTANDING} calls unanswered from a client
 * vat either way ({@link ErgWindow}); a chain is nine {@code next()} calls and an
 * {@code echo}, each sent to the previous call's answer before it settles, and the last answer
 * awaited as a round trip's is.
 */
public final class ErgSystem implements WireSystem {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final String name;
    private final PeerProcess peer;
    private final VatRuntime runtime;
    private final Node node;
    private final WireEcho echo;
    private final Vat vat;
    private long nextSequence;

    public ErgSystem() throws Exception {
        this("Erg CapTP", System.getProperty("java.class.path"));
    }

    /**
     * A row named {@code name} whose server runs from {@code serverClassPath}, say another
     * build's jar; the client side is always this build.
     */
    ErgSystem(String name, String serverClassPath) throws Exception {
        this.name = name;
        peer = PeerProcess.start(serverClassPath, ErgPeer.class);
        runtime = VatRuntime.builder().threads(Runtime.getRuntime().availableProcessors()).build();
        node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
        echo = node.connect(SturdyRef.parse(peer.address()), WireEcho.class).join(WAIT);
        vat = runtime.newVat("client");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String transport() {
        return "TLS 1.3, JDK provider (NetConfig defaults), mutual (each node's Ed25519 vat identity), "
                + "4-byte length framing, CapTP messages in the wire codec";
    }

    @Override
    public String chainStep() {
        return "a call sent to the previous call's answer before it settles (promise pipelining), only the last awaited";
    }

    @Override
    public long serverPid() {
        return peer.pid();
    }

    @Override
    public long[] roundTrips(int count, Sender sender) throws Exception {
        if (sender == Sender.ANSWERS) {
            return fromVat(count, sequence -> echo.echo(Payload.of(sequence)));
        }
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            long sequence = nextSequence++;
            long start = System.nanoTime();
            byte[] answer = echo.echo(Payload.of(sequence)).join(WAIT);
            took[i] = System.nanoTime() - start;
            check(answer, sequence);
        }
        return took;
    }

    @Override
    public double throughput(int seconds, Sender sender) throws Exception {
        ErgWindow window = new ErgWindow(echo, seconds, nextSequence);
        vat.run(window::start);
        double perSecond = window.result().get(seconds + WAIT.toSeconds(), TimeUnit.SECONDS);
        nextSequence += window.sent();
        return perSecond;
    }

    @Override
    public long[] chains(int count, Sender sender) throws Exception {
        if (sender == Sender.ANSWERS) {
            return fromVat(count, this::chain);
        }
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            long sequence = nextSequence++;
            long start = System.nanoTime();
            byte[] answer = chain(sequence).join(WAIT);
            took[i] = System.nanoTime() - start;
            check(answer, sequence);
        }
        return took;
    }

    /** Sends a chain's calls, the last echoing {@code sequence}; answers the last's promise. */
    private Promise<byte[]> chain(long sequence) {
        WireEcho at = echo;
        for (int step = 1; step < CHAIN; step++) {
            at = at.next().as(WireEcho.class);
        }
        return at.echo(Payload.of(sequence));
    }

    private long[] fromVat(int count, LongFunction<Promise<byte[]>> operation) throws Exception {
        ErgSamples samples = new ErgSamples(count, nextSequence, operation);
        nextSequence += count;
        vat.run(samples::start);
        return samples.result().get(STALL_NANOS + STEP_NANOS * count, TimeUnit.NANOSECONDS);
    }

    private static void check(byte[] answer, long sequence) {
        if (Payload.sequence(answer) != sequence) {
            throw new IllegalStateException("Erg echoed " + Payload.sequence(answer) + " for " + sequence);
        }
    }

    @Override
    public void close() throws Exception {
        node.close();
        runtime.close();
        peer.close();
    }
}
