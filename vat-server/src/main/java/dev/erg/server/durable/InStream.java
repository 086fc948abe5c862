package dev.erg.server.durable;

/**
 * The receiving end of a durable stream, as stored: the last letter consumed, the letters
 * the sender has confirmed ({@code floor}), the sender's highest generation seen and the
 * incarnation that wrote from it (empty if a store made before incarnations knows none), and why the
 * stream was stopped ({@code halted}; null while it is open). A stream stops at its first letter
 * refused for amnesia and takes no letter after that. Changed only on the engine's thread.
 */
final class InStream {
    final String id;
    final String from;
    long last;
    long floor;
    long senderGeneration;
    String senderIncarnation;
    String halted;

    InStream(String id, String from, long last, long floor, long senderGeneration, String senderIncarnation,
             String halted) {
        this.id = id;
        this.from = from;
        this.last = last;
        this.floor = floor;
        this.senderGeneration = senderGeneration;
        this.senderIncarnation = senderIncarnation;
        this.halted = halted;
    }

    /** A stream this vat has consumed nothing of yet, as {@code letter} opens it. */
    static InStream openedBy(Letter letter) {
        return new InStream(letter.stream(), letter.from(), 0, 0, letter.senderGeneration(), letter.senderIncarnation(),
                null);
    }

    /**
     * Takes in the sender's generation and incarnation from {@code letter}, consumed or sent
     * again, when it is from a later start than any before; answers whether they changed.
     */
    boolean heardFrom(Letter letter) {
        boolean later = letter.senderGeneration() > senderGeneration
                || letter.senderGeneration() == senderGeneration && senderIncarnation.isEmpty();
        if (later) {
            senderGeneration = letter.senderGeneration();
            senderIncarnation = letter.senderIncarnation();
        }
        return later;
    }
}
