package dev.erg.confine;

import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a confined vat ends: tells the host's end listeners, then terminates the vat, so that
 * a host hears of the end before any reference into the vat breaks. Thread-safe.
 */
final class Ending {

    private final Vat vat;
    private List<Consumer<String>> listeners = new ArrayList<>();
    private String reason;

    Ending(Vat vat) {
        this.vat = vat;
    }

    /** Calls {@code listener} once with the reason when the vat ends; at once if it has. */
    void listen(Consumer<String> listener) {
        String ended;
        synchronized (this) {
            ended = reason;
            if (ended == null) {
                listeners.add(listener);
            }
        }
        if (ended != null) {
            listener.accept(ended);
        }
    }

    /** Tells the listeners, once, and terminates the vat with {@code why}. */
    void end(String why) {
        List<Consumer<String>> told;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            told = listeners;
            listeners = List.of();
        }
        told.forEach(listener -> listener.accept(why));
        Vats.terminate(vat, why);
    }
}
