package dev.erg.vat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a remote interface that receives every message naming no other method
 * of the object: it must take a {@code String} (the name the message was sent under) and a
 * {@code List<Object>} (its arguments, which may hold null), and at most one method of an
 * interface may carry this annotation. Without one, such a message breaks its answer with a
 * {@value Problem#NOT_CALLABLE} problem.
 *
 * <p>Called through an eventual reference, the method is an ordinary method, sent under its
 * own name.
 *
 * {@snippet :
 * interface Echo {
 *     @Otherwise
 *     Promise<Object> anything(String name, List<Object> args);
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Otherwise {
}
