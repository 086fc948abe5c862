package dev.erg.bench.wire;

import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;

/**
 * The server of the Pekko row, run as its own process: a classic actor {@code /user/echo} in
 * an actor system with Artery remoting over {@code tls-tcp} on loopback
 * ({@link ArterySystem#config}), which sends every {@code byte[]} it receives back to its
 * sender. It prints {@code READY <port>} and exits when its stdin closes.
 *
 * <p>Usage: {@code ArteryEchoPeer <tls dir> <password>}
 */
public final class ArteryEchoPeer {

    private ArteryEchoPeer() {
    }

    /** Sends each payload back to whoever sent it. */
    static final class Echo extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().match(byte[].class, p -> getSender().tell(p, getSelf())).build();
        }
    }

    public static void main(String[] args) throws Exception {
        TlsFiles tls = PeerMain.tls("ArteryEchoPeer", args);
        ActorSystem system = ActorSystem.create("peer", ArterySystem.config(tls));
        try {
            system.actorOf(Props.create(Echo.class, Echo::new), "echo");
            int port = (Integer) ((ExtendedActorSystem) system).provider().getDefaultAddress().port().get();
            PeerMain.serveUntilStdinCloses(String.valueOf(port));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
