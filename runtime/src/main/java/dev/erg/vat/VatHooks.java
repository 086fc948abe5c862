package dev.erg.vat;

import dev.erg.trace.TraceContext;
import dev.erg.vat.spi.TurnGuard;
import dev.erg.vat.spi.VatControl;
import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A host's way in to {@link Vat}'s package-private control; see {@link dev.erg.vat.spi.Vats}. */
final class VatHooks implements VatControl {

    @Override
    public void guard(Vat vat, TurnGuard guard) {
        vat.guard(guard);
    }

    @Override
    public void terminate(Vat vat, String reason) {
        vat.terminate(reason);
    }

    @Override
    public boolean traces(Vat vat) {
        return vat.traceLog() != null;
    }

    @Override
    public TraceContext outgoingTrace() {
        return Traces.active ? Traces.frame().sending : null;
    }

    @Override
    public <T> void receive(Vat vat, TraceContext message, Consumer<? super T> action, T received) {
        Traces.receive(vat, message, action, received);
    }

    @Override
    public void sendAs(TraceContext message, Runnable send) {
        if (message == null) {
            send.run();
            return;
        }
        TraceContext outer = Traces.sending(message);
        try {
            send.run();
        } finally {
            Traces.sending(outer);
        }
    }

    @Override
    public void handOver(Vat vat, Runnable send) {
        vat.handOver(send);
    }

    @Override
    public Vat current() {
        return Vat.current();
    }

    @Override
    public Runnable monitor(Object ref, Consumer<? super Problem> onBroken) {
        return Ref.monitorLinkUntilCancelled(ref, onBroken)::cancel;
    }

    @Override
    public UnaryOperator<Object> conversionTo(Type declared) {
        Conversion conversion = Conversion.to(declared);
        return value -> {
            try {
                return conversion.apply(value);
            } catch (Conversion.Mismatch m) {
                throw new IllegalArgumentException(m.getMessage());
            }
        };
    }
}
