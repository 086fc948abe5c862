package dev.erg.ocapn.syrup;

import dev.erg.vat.Passable;
import dev.erg.wire.codec.TaggedValue;
import java.util.Objects;

/**
 * OCapN's Tagged: a passable value under a tag that tells its receiver how to read it, on the
 * wire {@code <desc:tagged 'tag value>}. The engine untags it ({@code op:untag}) as a
 * {@link TaggedValue}.
 *
 * @param tag   the tag, a selector's name on the wire
 * @param value the tagged value, any passable, {@code null} included
 */
@Passable("ocapn.Tagged")
public record Tagged(String tag, Object value) implements TaggedValue {

    public Tagged {
        Objects.requireNonNull(tag, "tag");
    }
}
