package dev.erg.net.link;

import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ReferenceDecoder;

/**
 * What the layer above does with an established {@link Link}. Its methods are called on the
 * link's I/O thread, one at a time; they must not block and should only decode and enqueue.
 */
public interface LinkHandler {

    /** The link is established: called once, before any message is decoded for it. */
    default void opened(Link link) {
    }

    /** Maps descriptors in incoming messages to objects; by default, messages may hold none. */
    default ReferenceDecoder references() {
        return ReferenceDecoder.none();
    }

    /** A message arrived (never a start-session or an abort: the link handles those). */
    void received(Link link, Message message);

    /** The link closed, once, for {@code reason} (a peer's abort reason is prefixed "peer aborted: "). */
    void closed(Link link, String reason);
}
