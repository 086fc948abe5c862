package dev.erg.ocapn.session;

import dev.erg.captp.session.Outbound;
import dev.erg.captp.session.Session;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.OcapnCodec;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.syrup.SyrupException;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.ProtocolError;
import dev.erg.wire.codec.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One OCapN connection, as a state machine that does no I/O: bytes from the peer go in
 * ({@link #received}), in chunks of any size, and bytes for the peer come out through a
 * {@link Wire}. Each side first sends {@code op:start-session} with a key of this session's
 * own and its location signed by it; a dialer sends at once, an acceptor once it has read the
 * dialer's, so that it can answer a crossed dial with the key it dialed with
 * ({@link Peers#keyFor}). After both, the connection carries a {@link Session} whose
 * messages it writes with {@link OcapnCodec} and to which it feeds the peer's operations, one
 * at a time, in order.
 *
 * <p>Whatever the peer sends wrong (bytes that are not canonical Syrup, an operation the
 * engine refuses, one longer than {@code maxFrameBytes}, anything before its start-session)
 * is answered with {@code op:abort} saying what, and the connection closes; the session's
 * references and promises then break. An {@code op:abort} from the peer closes it too.
 *
 * <p>{@link #received} and {@link #closed} are called by one thread at a time, the
 * netlayer's; {@link #abort} and the session's sends may come from any thread, and the
 * {@link Wire} must keep the order of its writes.
 */
public final class OcapnConnection {

    /** The reason a connection dropped for crossed hellos is aborted with. */
    public static final String CROSSED =
            "crossed hellos: the connection dialed by the side whose session key sorts higher is kept";

    /** The longest abort reason sent, in characters: enough to say what was wrong. */
    static final int MAX_REASON_CHARS = 1_000;

    /** Where a connection's bytes go: a netlayer's channel. */
    public interface Wire {
        /** Queues {@code bytes} for the peer, after what was queued before; never blocks. */
        void write(byte[] bytes);

        /** Closes the channel once what was queued is written. */
        void close();
    }

    /** The node's side of its connections: their session keys, and which survives crossed hellos. */
    public interface Peers {
        /**
         * The session key to answer the peer of {@code connection}, whose start-session was just
         * read ({@link #peer()}), with; or null to refuse the connection because one this node
         * dialed to that peer is kept instead (crossed hellos).
         */
        VatIdentity keyFor(OcapnConnection connection);

        /** Whether {@code connection}, whose start-sessions are done, is kept; false aborts it. */
        boolean opened(OcapnConnection connection);

        /** {@code connection} ended. */
        void closed(OcapnConnection connection);
    }

    private final Endpoint endpoint;
    private final Wire wire;
    private final Peers peers;
    private final PeerLocator dialed;
    private final OcapnCodec codec;
    private final OperationStream stream;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Session> opened = new CompletableFuture<>();
    private volatile VatIdentity key;
    private volatile PeerHello peer;
    private volatile Session session;

    private OcapnConnection(Endpoint endpoint, Wire wire, Peers peers, VatIdentity key, PeerLocator dialed) {
        this.endpoint = endpoint;
        this.wire = wire;
        this.peers = peers;
        this.key = key;
        this.dialed = dialed;
        this.codec = new OcapnCodec(endpoint.limits(), endpoint.registry());
        this.stream = new OperationStream(CaptpReader.plain(endpoint.limits()), endpoint.limits());
    }

    /** A connection this node dialed to reach {@code dialed}, its side keyed by {@code key}. */
    public static OcapnConnection dialing(Endpoint endpoint, Wire wire, Peers peers, VatIdentity key,
                                          PeerLocator dialed) {
        return new OcapnConnection(endpoint, wire, peers, key, dialed);
    }

    /** A connection a peer dialed to this node. */
    public static OcapnConnection accepting(Endpoint endpoint, Wire wire, Peers peers) {
        return new OcapnConnection(endpoint, wire, peers, null, null);
    }

    /** Starts the connection: a dialer sends its start-session. Call once, before {@link #received}. */
    public void start() {
        if (key != null) {
            wire.write(CaptpWriter.plain(endpoint.limits()).encode(StartSessions.sign(key, endpoint.location())));
        }
    }

    /** The session, once both start-sessions are done and the connection kept; fails if it ends first. */
    public CompletableFuture<Session> opened() {
        return opened;
    }

    /** The session, or null before both start-sessions. */
    public Session session() {
        return session;
    }

    /** What the peer's start-session said, or null before it. */
    public PeerHello peer() {
        return peer;
    }

    /** This side's session key, or null for an acceptor before the peer's start-session. */
    public VatIdentity key() {
        return key;
    }

    /** Whether this node dialed the connection. */
    public boolean dialed() {
        return dialed != null;
    }

    /** The node this node dialed, or null if the peer dialed. */
    public PeerLocator dialedNode() {
        return dialed;
    }

    /** Acts on bytes from the peer, every whole operation in them in order. */
    public void received(byte[] chunk) {
        if (ended.get()) {
            return;
        }
        try {
            stream.append(chunk);
            for (Operation operation = stream.next(); operation != null && !ended.get(); operation = stream.next()) {
                act(operation);
            }
        } catch (SyrupException e) {
            abort(e.toProtocolException().abortReason());
        } catch (ProtocolException e) {
            abort(e.abortReason());
        } catch (NotPassableException e) {
            abort(ProtocolError.TYPE_MISMATCH.code() + ": " + e.getMessage());
        }
    }

    /** The netlayer lost the channel, saying {@code reason}. */
    public void closed(String reason) {
        end("connection lost: " + reason);
    }

    /** Sends the peer {@code op:abort} with {@code reason}, closes, and ends the session. */
    public void abort(String reason) {
        String sent = reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS);
        if (ended.get()) {
            return;
        }
        try {
            wire.write(CaptpWriter.plain(endpoint.limits()).encode(new Operation.Abort(sent)));
        } finally {
            wire.close();
            end("aborted: " + sent);
        }
    }

    private void act(Operation operation) {
        Session open = session;
        if (open == null) {
            switch (operation) {
                case Operation.StartSession start -> hello(start);
                case Operation.Abort a -> {
                    wire.close();
                    end("peer aborted: " + a.reason());
                }
                default -> throw new ProtocolException(ProtocolError.SESSION_RULE,
                        operation.label() + " before op:start-session");
            }
            return;
        }
        switch (operation) {
            case Operation.Abort a -> {
                wire.close();
                end("peer aborted: " + a.reason());
            }
            case Operation.StartSession s -> throw new ProtocolException(ProtocolError.SESSION_RULE,
                    "op:start-session in an open session");
            default -> open.receive(endpoint.handoffs() == null ? codec.toMessage(operation, open.decoder())
                    : codec.toMessage(operation, open.decoder(), e -> endpoint.handoffs().certificate(open, e)));
        }
    }

    private void hello(Operation.StartSession start) {
        PeerHello hello = StartSessions.verify(start);
        if (dialed != null && !dialed.sameNode(hello.location())) {
            throw new ProtocolException(ProtocolError.SESSION_RULE, "dialed " + LocatorUris.format(dialed)
                    + " but reached " + LocatorUris.format(hello.location()));
        }
        peer = hello;
        if (key == null) {
            VatIdentity answer = peers.keyFor(this);
            if (answer == null) {
                abort(CROSSED);
                return;
            }
            key = answer;
            start();
        }
        OcapnHandoffs handoffs = endpoint.handoffs();
        Session made;
        if (handoffs == null) {
            Outbound out = message -> wire.write(codec.encode(message, session.encoder()));
            made = Session.unembargoed(endpoint.vat(), out, endpoint.bootstrap(), LocatorUris.format(hello.location()),
                    endpoint.maxEntries());
        } else {
            Outbound out = message -> wire.write(codec.encode(message, session.encoder(), handoffs.giver(session)));
            made = Session.unembargoed(endpoint.vat(), out, endpoint.bootstrap(), LocatorUris.format(hello.location()),
                    endpoint.maxEntries(), handoffs);
            // Known before anyone hears of the session, so that a handoff can use it at once.
            handoffs.opened(made, key, hello);
        }
        session = made;
        if (!peers.opened(this)) {
            abort(CROSSED);
            return;
        }
        opened.complete(made);
    }

    private void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Problem why = Problem.of(Problem.UNAVAILABLE, "OCapN session with %s ended: %s",
                peer == null ? "a peer" : LocatorUris.format(peer.location()), reason);
        Session open = session;
        if (open != null) {
            if (endpoint.handoffs() != null) {
                endpoint.handoffs().closed(open);
            }
            open.lost(why);
        }
        opened.completeExceptionally(new ProblemException(why));
        peers.closed(this);
    }
}
