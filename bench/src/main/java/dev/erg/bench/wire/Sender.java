package dev.erg.bench.wire;

/** Who sends each call of a {@link WireSystem}'s measures. */
public enum Sender {
    /** A plain thread sends each call and waits for its answer before the next, as a blocking client does. */
    THREAD,
    /**
     * Whatever receives an answer sends the next call, as a service calling another does: Erg's
     * client vat from the answer's {@code when}, the others from the thread the answer arrives on.
     */
    ANSWERS
}
