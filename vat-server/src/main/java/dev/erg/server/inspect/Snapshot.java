package dev.erg.server.inspect;

import java.util.List;
import java.util.Map;

/**
 * A running server as it stood when asked, read without stopping its vats: what the inspector
 * page shows and its JSON endpoint answers. Each part is read on its own, so the parts may be
 * a few turns apart.
 *
 * @param takenAt        when it was taken, as an ISO-8601 instant
 * @param server         the server as a whole
 * @param vats           the hosted vats, in configuration order
 * @param peers          the live CapTP sessions, one per peer vat, by peer vat id
 * @param outboxes       the outbox stream towards each vat durable objects have sent letters to
 * @param outboxesRead   whether the outboxes could be read in time (the outbox's vat answers them)
 * @param alarms         the alarms not acknowledged, oldest first, one line each
 * @param store          the durable store's state
 * @param brokenPromises promises broken in this JVM, by the kind of their problem
 */
public record Snapshot(String takenAt, ServerView server, List<VatView> vats, List<PeerView> peers,
                       List<OutboxView> outboxes, boolean outboxesRead, List<String> alarms, StoreView store,
                       Map<String, Long> brokenPromises) {

    /** Copies the lists and the map. */
    public Snapshot {
        vats = List.copyOf(vats);
        peers = List.copyOf(peers);
        outboxes = List.copyOf(outboxes);
        alarms = List.copyOf(alarms);
        brokenPromises = Map.copyOf(brokenPromises);
    }

    /**
     * The server as a whole.
     *
     * @param vatId         the server's vat id
     * @param address       where CapTP listens, as host:port
     * @param uptimeSeconds seconds since it started
     * @param sessions      live CapTP sessions
     * @param messagesSent  messages sent to peers since the start
     * @param generation    how many times the durable store has been started, this start included
     * @param durableTurns  durable turns committed since the start
     */
    public record ServerView(String vatId, String address, long uptimeSeconds, int sessions, long messagesSent,
                             long generation, long durableTurns) {
    }

    /**
     * One hosted vat.
     *
     * @param name        its service's name
     * @param maker       the maker of its service
     * @param queued      turns queued and not yet finished, the one running included
     * @param turns       turns run since the start
     * @param messagesIn  eventual sends delivered to it since the start
     * @param turnDecades how long its turns took, counted by decade: under 10 µs, 100 µs, 1 ms,
     *                    10 ms, 100 ms, 1 s, and longer
     * @param recentTurns its last turns, newest first
     */
    public record VatView(String name, String maker, long queued, long turns, long messagesIn, List<Long> turnDecades,
                          List<TurnView> recentTurns) {

        /** Copies the lists. */
        public VatView {
            turnDecades = List.copyOf(turnDecades);
            recentTurns = List.copyOf(recentTurns);
        }
    }

    /**
     * One recent turn of a vat.
     *
     * @param number    the turn's number, from 1 at the vat's first turn
     * @param agoMillis how long ago it ended, in milliseconds
     * @param micros    how long it took, in microseconds
     */
    public record TurnView(long number, long agoMillis, long micros) {
    }

    /**
     * One live CapTP session.
     *
     * @param vatId       the peer's vat id
     * @param messagesIn  messages the peer has sent in the session
     * @param messagesOut messages sent to the peer in the session
     * @param exports     our objects and promises the peer may use
     * @param imports     the peer's objects and promises we hold
     * @param questions   our messages awaiting the peer's answers
     * @param answers     the peer's messages we keep answers for
     */
    public record PeerView(String vatId, long messagesIn, long messagesOut, int exports, int imports, int questions,
                           int answers) {
    }

    /**
     * The outbox stream towards one vat.
     *
     * @param vatId     the receiving vat's id
     * @param waiting   letters stored and not yet acknowledged
     * @param available whether the receiving vat is reachable now
     * @param stopped   why the stream was stopped, or empty if it runs
     */
    public record OutboxView(String vatId, int waiting, boolean available, String stopped) {
    }

    /**
     * The durable store.
     *
     * @param state   {@code up}, {@code reconnecting} or {@code fenced}
     * @param since   when it entered that state, as an ISO-8601 instant
     * @param cause   why, or empty when up
     * @param outages times it stopped being up
     */
    public record StoreView(String state, String since, String cause, long outages) {
    }
}
