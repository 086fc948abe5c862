package dev.erg.net;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.Handoffs;
import dev.erg.captp.session.Outbound;
import dev.erg.captp.session.Peering;
import dev.erg.captp.session.Session;
import dev.erg.crypto.VatId;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkFaults;
import dev.erg.net.link.LinkHandler;
import dev.erg.vat.Vat;
import dev.erg.wire.NotPassableException;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.ReferenceDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Binds one link to one session. */
final class SessionHandler implements LinkHandler {
    private final VatId peer;
    private final boolean dialed;
    private final Vat vat;
    private final PeerSessions sessions;
    private final Handoffs handoffs;
    /** The bootstrap object the peer on a link is given. */
    private final Function<Link, Bootstrap> bootstraps;
    private volatile Session session;
    /** Whether the session crossed the one kept with the peer: what the peer sends on it is not read. I/O thread only. */
    private boolean dropped;
    /** What arrived while the session was held (see {@link PeerSessions.Fate#HELD}), else null. I/O thread only. */
    private List<Message> waiting;

    SessionHandler(VatId peer, boolean dialed, Vat vat, PeerSessions sessions, Handoffs handoffs,
                   Function<Link, Bootstrap> bootstraps) {
        this.peer = peer;
        this.dialed = dialed;
        this.vat = vat;
        this.sessions = sessions;
        this.handoffs = handoffs;
        this.bootstraps = bootstraps;
    }

    /** The session on this handler's link, or null until it is open. */
    Session session() {
        return session;
    }

    @Override
    public void opened(Link link) {
        Peering peering = new Peering(link.peer(), link.peerKey(), link.peerHints(), link.sessionId().orElse(null));
        Bootstrap bootstrap = bootstraps.apply(link);
        Outbound out = new Outbound() {
            @Override
            public void send(Message message) {
                link.send(message, session.encoder());
            }

            @Override
            public void send(List<Message> messages) {
                link.send(messages, session.encoder());
            }

            @Override
            public void send(Message message, Runnable queued) {
                link.send(message, session.encoder(), queued);
            }

            @Override
            public void send(List<Message> messages, Runnable queued) {
                link.send(messages, session.encoder(), queued);
            }

            @Override
            public void flushSoon(Runnable flush) {
                link.flushSoon(flush);
            }
        };
        Session made = new Session(vat, out, bootstrap, peering, handoffs,
                Session.DEFAULT_MAX_ENTRIES);
        session = made;
        handoffs.opened(made);
        switch (sessions.opened(peer, made, link, dialed, () -> link.execute(() -> release(link)))) {
            case KEPT -> { }
            case DROPPED -> dropped = true;
            case HELD -> {
                waiting = new ArrayList<>();
                link.pauseReading();
            }
        }
    }

    /** The held session is kept: takes in what arrived meanwhile, then reads on. */
    private void release(Link link) {
        List<Message> arrived = waiting;
        waiting = null;
        if (arrived == null) {
            return;
        }
        for (Message message : arrived) {
            take(link, message);
        }
        link.resumeReading();
    }

    @Override
    public ReferenceDecoder references() {
        return session.decoder();
    }

    @Override
    public void received(Link link, Message message) {
        if (dropped) {
            return;
        }
        if (waiting != null) {
            waiting.add(message);
            return;
        }
        take(link, message);
    }

    private void take(Link link, Message message) {
        try {
            session.receive(message);
        } catch (ProtocolException e) {
            LinkFaults.protocol(e.error().code(), link.remoteAddress(), link.peer(), e.abortReason());
            link.abort(e.abortReason());
        } catch (NotPassableException e) {
            LinkFaults.protocol("not passable", link.remoteAddress(), link.peer(), "protocol: " + e.getMessage());
            link.abort("protocol: " + e.getMessage());
        }
    }

    @Override
    public void closed(Link link, String reason) {
        Session ended = session;
        if (ended != null) {
            sessions.closed(peer, ended, reason);
        }
    }
}
