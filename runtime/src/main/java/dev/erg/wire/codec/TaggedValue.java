package dev.erg.wire.codec;

/**
 * A value under a tag, from a wire whose values carry tags (OCapN's Tagged): what
 * {@link Message.Untag} selects the payload of. The engine knows tagged values through this
 * alone, so that it depends on no wire that carries them; {@code erg/1} has none.
 */
public interface TaggedValue {

    /** The tag. */
    String tag();

    /** The payload, any passable value, {@code null} included. */
    Object value();
}
