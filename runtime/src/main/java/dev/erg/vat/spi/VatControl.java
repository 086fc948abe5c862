package dev.erg.vat.spi;

import dev.erg.trace.TraceContext;
import dev.erg.vat.Problem;
import dev.erg.vat.Vat;
import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a host of untrusted code needs from the vat package, kept out of the exported API:
 * {@code dev.erg.vat} implements it and installs it in {@link Vats} when it is initialized.
 * Each method is described at its {@link Vats} counterpart.
 */
public interface VatControl {

    /** See {@link Vats#guard}. */
    void guard(Vat vat, TurnGuard guard);

    /** See {@link Vats#terminate}. */
    void terminate(Vat vat, String reason);

    /** See {@link Vats#traces}. */
    boolean traces(Vat vat);

    /** See {@link Vats#outgoingTrace}. */
    TraceContext outgoingTrace();

    /** See {@link Vats#receive}. */
    <T> void receive(Vat vat, TraceContext message, Consumer<? super T> action, T received);

    /** See {@link Vats#sendAs}. */
    void sendAs(TraceContext message, Runnable send);

    /** See {@link Vats#handOver}. */
    void handOver(Vat vat, Runnable send);

    /** See {@link Vats#current}. */
    Vat current();

    /** See {@link Vats#monitor}. */
    Runnable monitor(Object ref, Consumer<? super Problem> onBroken);

    /** See {@link Vats#conversionTo}. */
    UnaryOperator<Object> conversionTo(Type declared);
}
