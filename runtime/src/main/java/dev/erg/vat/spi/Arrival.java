package dev.erg.vat.spi;

/**
 * The sole argument of a message named {@link #METHOD}, which no object receives: it travels
 * behind the messages sent before it along the same path (through promises, answers and
 * links) and, where that path ends, is told so instead of being delivered. A network layer
 * sends one to learn when what it sent earlier has reached its destination, as CapTP's
 * disembargo does.
 */
public interface Arrival {

    /** The name of a message that carries an arrival; no Java method can have it. */
    String METHOD = "\0disembargo";

    /**
     * The message reached the end of its path: an object, which every message sent before it
     * on that path has reached too, or a broken promise. Called once, on the thread that routes
     * the message; it must not block.
     */
    void arrived();

    /** The arrival {@code method(args)} carries, if it is such a message; else null. */
    static Arrival in(String method, Object[] args) {
        return METHOD.equals(method) && args != null && args.length == 1 && args[0] instanceof Arrival a ? a : null;
    }
}
