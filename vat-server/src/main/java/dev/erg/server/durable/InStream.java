package dev.erg.server.durable;

/**
 * The receiving end of a durable stream, as stored: the last letter consumed, the letters
 * the sender has confirmed ({@code floor}), and the sender's highest generation seen. Changed
 * only on the engine's thread.
 */
final class InStream {
    final String id;
    final String from;
    long last;
    long floor;
    long senderGeneration;

    InStream(String id, String from, long last, long floor, long senderGeneration) {
        this.id = id;
        this.from = from;
        this.last = last;
        this.floor = floor;
        this.senderGeneration = senderGeneration;
    }
}
