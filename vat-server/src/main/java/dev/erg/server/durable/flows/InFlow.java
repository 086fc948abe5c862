package dev.erg.server.durable.flows;

/**
 * The state of a durable stream's receiving end, stored as an object of its own beside the
 * receiving object's.
 *
 * @param sink     the id of the receiving object
 * @param topic    what the stream carries
 * @param consumed items the receiving object has consumed
 * @param ended    whether its close or failure has been consumed
 */
public record InFlow(long sink, String topic, long consumed, boolean ended) {

    /** This state with {@code consumed} items consumed. */
    public InFlow withConsumed(long consumed) {
        return new InFlow(sink, topic, consumed, ended);
    }

    /** This state with its close or failure consumed. */
    public InFlow withEnded() {
        return new InFlow(sink, topic, consumed, true);
    }
}
