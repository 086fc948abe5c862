package dev.erg.server.durable;

import dev.erg.server.durable.flows.InFlow;

/**
 * A durable stream's receiving end, an object of kind {@link #KIND} that the stream's open
 * letter makes beside the receiving object; the stream's other letters call it, and it hands
 * each item on to the receiving object's {@link StreamSink} in the same turn. Letters reach it
 * by a swiss number that only the stream's writer can name (see {@link Inlets#swiss}); it is
 * not offered on the network.
 */
interface Inlet {

    /** Receiving ends, bound in every durable host. */
    Kind<InFlow, Inlet> KIND = new Kind<>("erg.stream.in", InFlow.class, Inlet.class, InletCode::new);

    String ITEM = "item";
    String CLOSE = "close";
    String FAIL = "fail";

    /** The item numbered {@code seq}, which must be the next. */
    void item(long seq, Object value);

    /** The writer closed the stream after {@code count} items, with {@code value}. */
    void close(long count, Object value);

    /** The writer failed the stream after {@code count} items. */
    void fail(long count, String reason);
}
