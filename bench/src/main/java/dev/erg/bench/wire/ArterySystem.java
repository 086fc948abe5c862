package dev.erg.bench.wire;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.erg.bench.captp.ArteryPingPong;
import dev.erg.bench.captp.PeerProcess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * Apache Pekko Artery remoting over {@code tls-tcp}: a plain thread tells the peer's echo actor
 * ({@link ArteryEchoPeer}) each payload with a local actor as the sender, which hands the
 * answer back; {@code byte[]} messages go through Pekko's own {@code ByteArraySerializer}
 * (Java serialization stays off). Default dispatchers and Artery settings, as in
 * {@link ArteryPingPong}, except for more patience while connecting ({@link #config}).
 */
final class ArterySystem extends EchoLoop {

    private final PeerProcess peer;
    private final ActorSystem system;
    private final ActorRef echo;
    private final ActorRef receiver;

    ArterySystem(TlsFiles tls) throws Exception {
        peer = PeerProcess.start(ArteryEchoPeer.class, tls.dir().toString(), tls.password());
        system = ActorSystem.create("client", config(tls));
        echo = system.actorSelection("pekko://peer@127.0.0.1:" + peer.address() + "/user/echo")
                .resolveOne(Duration.ofSeconds(120)).toCompletableFuture().get(180, TimeUnit.SECONDS);
        receiver = system.actorOf(Props.create(Receiver.class, () -> new Receiver(this)), "receiver");
    }

    /**
     * Both ends' configuration: {@link ArteryPingPong#config}, with the connection and handshake
     * timeouts raised from 5 s and 20 s, which cold JVMs on a loaded machine overran during
     * their first TLS handshake. They bear on connecting only.
     */
    static Config config(TlsFiles tls) {
        return ConfigFactory.parseString("""
                pekko.remote.artery.advanced.handshake-timeout = 90 s
                pekko.remote.artery.advanced.tcp.connection-timeout = 60 s
                """).withFallback(ArteryPingPong.config(tls.dir(), tls.password()));
    }

    @Override
    public String name() {
        return "Pekko Artery tls-tcp";
    }

    @Override
    public String transport() {
        return "TLSv1.3 (TLS_AES_256_GCM_SHA384 or TLS_AES_128_GCM_SHA256, as configured), JDK provider, "
                + "Artery tls-tcp, mutual (EC P-256 self-signed, require-mutual-authentication = on)";
    }

    @Override
    public long serverPid() {
        return peer.pid();
    }

    @Override
    void send(long sequence) {
        echo.tell(Payload.of(sequence), receiver);
    }

    /** The local actor the peer answers. */
    static final class Receiver extends AbstractActor {
        private final ArterySystem measured;

        Receiver(ArterySystem measured) {
            this.measured = measured;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(byte[].class, p -> measured.answered(Payload.sequence(p))).build();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            // Also when the actor system is slow to stop: its server JVM would outlive the run.
            peer.close();
        }
    }
}
