package dev.erg.ocapn.captp;

import dev.erg.ocapn.syrup.Symbol;
import dev.erg.ocapn.syrup.Tagged;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.RegisteredShapes;
import java.util.List;

/**
 * Registered records and enums as OCapN tagged values ({@code spec/ocapn.md} section 2.3): a
 * record is tagged with its wire name and holds the list of its components in declaration
 * order, an enum constant is tagged with its enum's wire name and holds the constant's name as
 * a selector. A tagged value under a name this side has not registered stays a {@link Tagged}.
 */
final class RegisteredTags {

    /** Why a tagged value under a registered name cannot be that record or constant. */
    static final class Unfit extends RuntimeException {
        Unfit(String message) {
            super(message, null, false, false);
        }
    }

    private final RegisteredShapes shapes;

    RegisteredTags(PassableRegistry registry) {
        this.shapes = new RegisteredShapes(registry);
    }

    /** {@code value} as a tagged value, or null if it is no registered record or constant. */
    Tagged tagged(Object value) {
        return switch (shapes.parts(value)) {
            case null -> null;
            case RegisteredShapes.RecordParts r -> new Tagged(r.name(), r.components());
            case RegisteredShapes.ConstantParts c -> new Tagged(c.name(), new Symbol(c.constant()));
        };
    }

    /**
     * The record or constant {@code tagged} stands for if its tag is a registered name, else
     * {@code tagged} itself.
     *
     * @throws Unfit if its tag names a registered record or enum whose shape its value does not have
     */
    Object read(Tagged tagged) {
        String name = tagged.tag();
        if (!shapes.names(name)) {
            return tagged;
        }
        try {
            if (shapes.namesRecord(name)) {
                if (!(tagged.value() instanceof List<?> components)) {
                    throw new Unfit("record " + name + " tagged with other than the list of its fields");
                }
                return shapes.record(name, components);
            }
            if (!(tagged.value() instanceof Symbol constant)) {
                throw new Unfit("enum " + name + " tagged with other than the selector of a constant");
            }
            return shapes.constant(name, constant.name());
        } catch (IllegalArgumentException e) {
            throw new Unfit(e.getMessage());
        }
    }
}
