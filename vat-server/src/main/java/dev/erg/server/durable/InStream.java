package dev.erg.server.durable;

/**
 * The receiving end of a durable stream, as stored: the last letter consumed, the letters
 * the sender has confirmed ({@code floor}), the sender's highest generation seen, and why the
 * stream was stopped ({@code halted}; null while it is open). A stream stops at its first letter
 * refused for amnesia and takes no letter after that. Changed only on the engine's thread.
 */
final class InStream {
    final String id;
    final String from;
    long last;
    long floor;
    long senderGeneration;
    String halted;

    InStream(String id, String from, long last, long floor, long senderGeneration, String halted) {
        this.id = id;
        this.from = from;
        this.last = last;
        this.floor = floor;
        this.senderGeneration = senderGeneration;
        this.halted = halted;
    }
}
