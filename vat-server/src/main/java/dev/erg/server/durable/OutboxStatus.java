package dev.erg.server.durable;

import dev.erg.vat.Passable;

/**
 * The outbox towards one vat. Passable, since it is made in the outbox's vat and read in others.
 *
 * @param vat       the receiving vat's id
 * @param waiting   letters stored and not yet acknowledged
 * @param available whether the receiving vat is reachable now
 * @param stopped   why the stream was stopped, or empty if it runs
 */
@Passable("erg.durable.OutboxStatus")
public record OutboxStatus(String vat, int waiting, boolean available, String stopped) {
}
