package dev.erg.vat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or enum as pass-by-copy data: it may cross vat boundaries, and crosses the
 * network under {@link #value() its name}, never under its Java class name.
 *
 * <p>A record is passable when it carries this annotation and every component holds a
 * passable value. Records are shared between vats of one JVM when all their components are
 * immutable, and rebuilt through their canonical constructor when a component must be copied
 * (a byte array, a mutable list).
 *
 * {@snippet :
 * @Passable("example.Point")
 * record Point(long x, long y) {}
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Passable {
    /**
     * The stable name of this type on the wire, e.g. {@code "bank.Receipt"}: letters, digits,
     * dots, dashes and underscores, at most 128 characters.
     */
    String value();
}
