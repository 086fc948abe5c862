package dev.erg.bench.captp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;

/**
 * The serving end of {@link ArteryPingPong}, run as its own process: a classic actor
 * {@code /user/echo} in an actor system with Artery remoting over {@code tls-tcp} on loopback,
 * which sends every {@code Long} it receives back to its sender. It prints
 * {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.erg.bench.captp.ArteryPeer <tls dir> <password>}
 * (the directory holds {@code keystore.p12} and {@code truststore.p12}, made by
 * {@link ArteryPingPong}).
 */
public final class ArteryPeer {

    private ArteryPeer() {
    }

    /** Sends each number back to whoever sent it. */
    static final class Echo extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Long.class, n -> getSender().tell(n, getSelf())).build();
        }
    }

    public static void main(String[] args) throws Exception {
        ActorSystem system = ActorSystem.create("peer", ArteryPingPong.config(Path.of(args[0]), args[1]));
        try {
            system.actorOf(Props.create(Echo.class, Echo::new), "echo");
            int port = (Integer) ((ExtendedActorSystem) system).provider().getDefaultAddress().port().get();
            System.out.println("READY " + port);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Nothing to read; the parent closes stdin to stop us.
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(),
                    java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
