package dev.erg.server.admin;

import dev.erg.server.durable.OutboxStatus;
import dev.erg.server.worker.WorkerStatus;
import dev.erg.vat.Passable;
import java.util.List;

/**
 * What a running server is doing.
 *
 * @param vatId         the server's vat id
 * @param address       where it listens, as host:port
 * @param uptimeSeconds seconds since it started
 * @param sessions      live CapTP sessions, one per peer vat
 * @param messagesSent  messages sent to peers since the start
 * @param vats          the hosted vats, in configuration order
 * @param generation    how many times the durable store has been started, this start included
 * @param durableTurns  durable turns committed since the start
 * @param outboxes      the outbox towards each vat durable objects have sent letters to
 * @param alarms        what an operator must look into, such as a vat restored from an old copy; oldest first
 * @param store         the durable store's state: up, reconnecting or fenced, since when, and why
 * @param workers       the worker processes running, and those that ended lately, by number
 * @param confined      the confined vats running in the server's process, oldest first
 */
@Passable("erg.server.ServerStatus")
public record ServerStatus(String vatId, String address, long uptimeSeconds, long sessions, long messagesSent,
                           List<VatStatus> vats, long generation, long durableTurns, List<OutboxStatus> outboxes,
                           List<String> alarms, String store, List<WorkerStatus> workers,
                           List<ConfinedVatStatus> confined) {
}
