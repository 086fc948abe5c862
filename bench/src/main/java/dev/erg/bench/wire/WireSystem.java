package dev.erg.bench.wire;

/**
 * One system under comparison, connected to its server in a second JVM. Every measure sends
 * {@link Payload}s of {@value Payload#SIZE} bytes from this process, as {@link Sender} says.
 */
interface WireSystem extends AutoCloseable {

    /** How many calls make one chain. */
    int CHAIN = 10;

    /**
     * How long a run of round trips or chains may take, beyond {@value #STEP_NANOS} ns each,
     * before it counts as stalled.
     */
    long STALL_NANOS = 60_000_000_000L;

    /** The most one round trip or chain may take on average, for a run's deadline: Pekko's chains take about 5 ms. */
    long STEP_NANOS = 10_000_000L;

    /** How many calls or messages are kept unanswered in {@link #throughput}. */
    int OUTSTANDING = 1_000;

    /** The name in the table. */
    String name();

    /** What carries it: protocol, TLS provider and authentication, learned from the connection where it can be. */
    String transport();

    /** What one step of {@link #chains} is for this system. */
    String chainStep();

    /** The process id of the server's JVM. */
    long serverPid();

    /** {@code count} round trips, one outstanding; nanoseconds each. */
    long[] roundTrips(int count, Sender sender) throws Exception;

    /** Answers per second with {@value #OUTSTANDING} outstanding for {@code seconds}, the drain included. */
    double throughput(int seconds, Sender sender) throws Exception;

    /** {@code count} chains of {@value #CHAIN} dependent calls; nanoseconds from the first send to the last answer, each. */
    long[] chains(int count, Sender sender) throws Exception;
}
