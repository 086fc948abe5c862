package dev.erg.server.durable;

/**
 * Implemented by the code of a durable object that receives {@linkplain DurableStreams durable
 * streams}. Each event comes in a turn of its own, which commits like any other: once
 * committed it is never given again, and if it throws, the stream breaks at that item (its
 * writer hears why) and nothing of the turn stays.
 */
public interface StreamSink {

    /** Receives the next event of one of the streams opened to this object. */
    void receive(StreamEvent event);
}
