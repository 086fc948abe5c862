package dev.erg.server.durable;

import java.time.Instant;

/**
 * Whether the durable store can be used, and since when.
 *
 * @param state   up, reconnecting or fenced
 * @param since   when it entered that state
 * @param cause   why it is not up, on one line; empty when up
 * @param outages how many times since the start it stopped being up
 */
public record StoreStatus(State state, Instant since, String cause, long outages) {

    /** What the durable engine can do with its store. */
    public enum State {
        /** Commits are made. */
        UP,
        /** The connection was lost; calls break at once until a new one works. */
        RECONNECTING,
        /** Another server has claimed the store: this one commits nothing more and serves no durable calls. */
        FENCED
    }

    /** One line for {@code vat-server status}. */
    public String describe() {
        return switch (state) {
            case UP -> "up since " + since;
            case RECONNECTING -> "reconnecting since " + since + ": " + cause;
            case FENCED -> "FENCED since " + since + ": " + cause;
        };
    }
}
