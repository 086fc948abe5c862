/*
 * Shared sizes of the benchmark workloads, so that every Erg benchmark and its Pekko
 * counterpart move exactly the same number of messages per operation.
 */
package dev.erg.bench;

import java.time.Duration;

/** The sizes every benchmark of this module shares. */
final class Workload {

    /** Messages per benchmark operation; each benchmark reports messages per second. */
    static final int MESSAGES = 10_000;

    /** Sender vats (or actors) in the fan-in workloads; they share {@link #MESSAGES} evenly. */
    static final int SENDERS = 4;

    /** How long an operation may take before the benchmark gives up: a hang, not a result. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Workload() {
    }
}
