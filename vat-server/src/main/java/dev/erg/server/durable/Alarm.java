package dev.erg.server.durable;

import dev.erg.vat.Passable;

/**
 * Something an operator must look into, such as a peer or this vat restored from an old copy of
 * its store. Kept in the store until acknowledged, and after; passable, for the admin object.
 *
 * @param id           its number, for acknowledging it
 * @param subject      what it is about, such as {@code stream <id>}: while one alarm about a
 *                     subject is unacknowledged, later ones about it count as repeats of it
 * @param raised       when it was first raised, ISO-8601
 * @param what         what happened, the latest time
 * @param repeats      how many times it was raised again while unacknowledged
 * @param acknowledged when an operator acknowledged it, ISO-8601, or empty
 */
@Passable("erg.durable.Alarm")
public record Alarm(long id, String subject, String raised, String what, long repeats, String acknowledged) {

    /** Whether an operator has acknowledged it. */
    public boolean isAcknowledged() {
        return !acknowledged.isEmpty();
    }

    /** One line: when, what, and how many repeats. */
    public String line() {
        return raised + " " + what + (repeats == 0 ? "" : " (raised " + (repeats + 1) + " times)");
    }
}
