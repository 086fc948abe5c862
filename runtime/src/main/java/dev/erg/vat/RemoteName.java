package dev.erg.vat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a method of a remote interface on the wire, for names Java cannot spell: the method
 * answers messages sent under {@link #value()}, and a call of it through an eventual
 * reference is sent under that name, never under its Java name.
 *
 * {@snippet :
 * interface Bootstrap {
 *     @RemoteName("deposit-gift")
 *     Promise<Void> depositGift(Object giftId, Object gift);
 * }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RemoteName {
    /**
     * The method's name on the wire: 1 to {@value #MAX_LENGTH} characters, none of them a
     * control character.
     */
    String value();

    /** The longest name a method may be given. */
    int MAX_LENGTH = 128;
}
