package dev.erg.net;

import dev.erg.captp.SturdyRef;
import dev.erg.captp.session.Session;
import dev.erg.crypto.VatId;
import dev.erg.net.link.LinkException;
import dev.erg.net.link.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** How a node reaches a peer vat: one shared dial per vat, over its hints, following redirects. */
final class VatDialer {

    /** The most redirects one attempt to reach a vat follows. */
    private static final int MAX_REDIRECTS = 3;

    private final Transport transport;
    private final PeerSessions sessions;
    /** A handler for a connection this node dials to a vat. */
    private final Function<VatId, SessionHandler> handlers;
    /** The dial each vat is being dialed with now, shared by all who want a session with it. */
    private final Map<VatId, CompletableFuture<Session>> dials = new ConcurrentHashMap<>();

    VatDialer(Transport transport, PeerSessions sessions, Function<VatId, SessionHandler> handlers) {
        this.transport = transport;
        this.sessions = sessions;
        this.handlers = handlers;
    }

    /**
     * The session with {@code peer}, joining the dial begun for it if there is one, else dialing
     * {@code hints}: concurrent dials of one vat would open a connection each, and all but one
     * would be dropped with whatever was already sent on them.
     */
    CompletableFuture<Session> dial(VatId peer, List<InetSocketAddress> hints) {
        Session existing = sessions.live(peer);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        CompletableFuture<Session> mine = new CompletableFuture<>();
        CompletableFuture<Session> dialing = dials.putIfAbsent(peer, mine);
        if (dialing != null) {
            return dialing;
        }
        existing = sessions.dialing(peer);
        if (existing != null) {
            dials.remove(peer, mine);
            mine.complete(existing);
            return mine;
        }
        session(peer, hints, 0, MAX_REDIRECTS).whenComplete((session, failure) -> {
            // Before the dial is forgotten, so that no other begins while this one still counts as under way.
            Session kept = sessions.dialEnded(peer);
            dials.remove(peer, mine);
            if (kept != null) {
                mine.complete(kept);
            } else if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(session);
            }
        });
        return mine;
    }

    /**
     * The session with {@code peer} after one this node dialed was dropped for crossed hellos:
     * the session kept, which the peer dialed, once it is open, rather than one more
     * connection that would cross it again; dials {@code hints} if none opens within the
     * handshake timeout.
     */
    CompletableFuture<Session> afterCrossing(VatId peer, List<InetSocketAddress> hints) {
        CompletableFuture<Session> kept = sessions.kept(peer);
        return kept.copy()
                .completeOnTimeout(null, transport.config().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(session -> {
                    if (session != null) {
                        return CompletableFuture.completedFuture(session);
                    }
                    sessions.gaveUpWaiting(peer, kept);
                    return dial(peer, hints);
                });
    }

    /** The session with {@code peer}, dialing {@code hints} ({@code host:port}) if there is none; for handoffs. */
    CompletableFuture<Session> sessionFor(VatId peer, List<String> hints) {
        return dial(peer, addresses(hints));
    }

    /** The hints that can be read as addresses; a hint that cannot is one fewer place to try. */
    private static List<InetSocketAddress> addresses(List<String> hints) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String hint : hints) {
            try {
                addresses.add(SturdyRef.parseHint(hint));
            } catch (IllegalArgumentException malformed) {
                // Skipped.
            }
        }
        return addresses;
    }

    /**
     * The session with {@code peer}, dialing {@code hints} from {@code next} on if there is
     * none. A listener that redirects is followed to the hints it names, at most
     * {@code redirectsLeft} more times; the vat's key is pinned wherever it is dialed.
     */
    private CompletableFuture<Session> session(VatId peer, List<InetSocketAddress> hints, int next, int redirectsLeft) {
        Session existing = sessions.live(peer);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        if (next >= hints.size()) {
            return CompletableFuture.failedFuture(new LinkException("no session with vat " + peer + ", and no address to dial"));
        }
        InetSocketAddress hint = hints.get(next);
        SessionHandler handler = handlers.apply(peer);
        return transport.connect(peer, new InetSocketAddress(hint.getHostString(), hint.getPort()), handler)
                // After crossed hellos the session kept may be the one the peer opened.
                .thenApply(link -> sessions.current(peer, handler.session()))
                .exceptionallyCompose(failure -> {
                    Throwable why = failure instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : failure;
                    if (why instanceof LinkException link && !link.redirectHints().isEmpty()) {
                        return redirected(peer, link, redirectsLeft);
                    }
                    return next + 1 < hints.size()
                            ? session(peer, hints, next + 1, redirectsLeft)
                            : CompletableFuture.failedFuture(why);
                });
    }

    private CompletableFuture<Session> redirected(VatId peer, LinkException redirect, int redirectsLeft) {
        if (redirectsLeft == 0) {
            return CompletableFuture.failedFuture(new LinkException("gave up after " + MAX_REDIRECTS
                    + " redirects: " + redirect.getMessage()));
        }
        List<InetSocketAddress> to = addresses(redirect.redirectHints());
        if (to.isEmpty()) {
            return CompletableFuture.failedFuture(new LinkException(redirect.getMessage() + ", none of which is host:port"));
        }
        return session(peer, to, 0, redirectsLeft - 1);
    }
}
