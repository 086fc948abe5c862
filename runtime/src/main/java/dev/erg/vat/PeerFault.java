package dev.erg.vat;

import java.util.concurrent.atomic.LongAdder;

/**
 * The kinds of problem that another party's input causes, each counted over the life of the
 * JVM, for metrics ({@code erg_peer_faults_total{kind="…"}} on a vat-server). Each is also
 * logged, through a {@link dev.erg.vat.spi.LogLimiter}, at most a line per kind of detail per interval, so
 * the counts are where the totals of a flood are read.
 */
public enum PeerFault {

    /**
     * A method reached by an eventual send threw something other than a
     * {@link ProblemException}, and its caller's promise broke. The sender may be a peer or a
     * local vat: both reach the object the same way.
     */
    METHOD_THREW("method-threw"),

    /**
     * An eventual send named a method its target lacks, or gave arguments that do not fit the
     * method's parameters, and its caller's promise broke with a
     * {@value Problem#NOT_CALLABLE} problem. Only counted: the caller is told, so there is
     * nothing for the callee's log.
     */
    NOT_CALLABLE("not-callable"),

    /**
     * A peer broke the protocol (a malformed or oversized message, an unknown position, a
     * value that cannot be passed, a bad start-session), and its session was aborted.
     */
    PROTOCOL("protocol"),

    /**
     * A connection failed its handshake: TLS refused the peer's key or certificate, the key
     * was not that of the vat dialed, or the handshake did not finish in time.
     */
    HANDSHAKE("handshake"),

    /** A listening port closed a connection before TLS: the port, or the peer's address, had as many open as allowed. */
    CONNECTION_REFUSED("connection-refused"),

    /** A peer asked for a sturdy ref by a swiss number that names nothing here (unknown, revoked or expired). */
    UNKNOWN_SWISS("unknown-swiss"),

    /** A sturdy-ref lookup was refused unread because its peer's address had failed too many lookups of late. */
    THROTTLED("throttled"),

    /**
     * A peer deposited a gift for a handoff under a gift id it had used before in its session:
     * that deposit was refused, the gift first deposited under the id is kept, and the session
     * goes on.
     */
    REFUSED_DEPOSIT("refused-deposit");

    private final String label;
    private final LongAdder count = new LongAdder();

    PeerFault(String label) {
        this.label = label;
    }

    /** The name metrics give this kind, such as {@code "method-threw"}. */
    public String label() {
        return label;
    }

    /** How many times this fault happened in this JVM. */
    public long count() {
        return count.sum();
    }

    /** Counts one occurrence, where the runtime detects the fault (the network layer through {@code Refs.countFault}). */
    void add() {
        count.increment();
    }
}
