package dev.erg.server.durable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes what a {@link Batch} holds to the store's tables: objects and their sturdy refs,
 * roots, outgoing streams and their letters, receipts and incoming streams, alarms, and the
 * next ticket and object numbers. Writes in the caller's transaction, which commits it.
 */
final class BatchWriter {

    private BatchWriter() {
    }

    static void write(Connection c, Batch batch) throws SQLException {
        if (!batch.dropped.isEmpty()) {
            try (PreparedStatement letters = c.prepareStatement("DELETE FROM outbox WHERE stream = ?");
                 PreparedStatement streams = c.prepareStatement("DELETE FROM outstreams WHERE id = ?")) {
                for (OutStream s : batch.dropped) {
                    letters.setString(1, s.id);
                    letters.addBatch();
                    streams.setString(1, s.id);
                    streams.addBatch();
                }
                letters.executeBatch();
                streams.executeBatch();
            }
        }
        if (!batch.objects.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO objects (id, kind, state) VALUES (?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, state = excluded.state")) {
                for (StoredObject o : batch.objects.values()) {
                    ps.setLong(1, o.id());
                    ps.setString(2, o.kind());
                    ps.setBytes(3, o.state());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.made.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sturdy (swiss, object) VALUES (?, ?)")) {
                for (Made m : batch.made) {
                    ps.setString(1, m.swiss().text());
                    ps.setLong(2, m.object().id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.roots.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO roots (service, object) VALUES (?, ?)")) {
                for (Map.Entry<String, Long> root : batch.roots.entrySet()) {
                    ps.setString(1, root.getKey());
                    ps.setLong(2, root.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.outStreams.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outstreams (id, target, mailbox, next_seq, acked,"
                    + " peer_generation, halted) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " mailbox = excluded.mailbox, next_seq = excluded.next_seq, acked = excluded.acked,"
                    + " peer_generation = excluded.peer_generation, halted = excluded.halted")) {
                for (OutStream s : batch.outStreams) {
                    ps.setString(1, s.id);
                    ps.setString(2, s.targetVat);
                    ps.setString(3, s.mailbox);
                    ps.setLong(4, s.nextSeq);
                    ps.setLong(5, s.acked);
                    ps.setLong(6, s.peerGeneration);
                    ps.setString(7, s.halted);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.sent.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (stream, seq, ticket, sender, swiss,"
                    + " method, args) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (OutLetter l : batch.sent) {
                    ps.setString(1, l.stream());
                    ps.setLong(2, l.seq());
                    ps.setLong(3, l.ticket());
                    ps.setLong(4, l.sender());
                    ps.setString(5, l.swiss());
                    ps.setString(6, l.method());
                    ps.setBytes(7, l.args());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.delivered.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE stream = ? AND seq = ?")) {
                for (OutLetter l : batch.delivered) {
                    ps.setString(1, l.stream());
                    ps.setLong(2, l.seq());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!batch.receipts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO receipts (stream, seq, digest, generation,"
                    + " answer, problem_kind, problem_message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Map<Long, StoredReceipt> of : batch.receipts.values()) {
                    for (StoredReceipt r : of.values()) {
                        Receipt receipt = r.receipt();
                        ps.setString(1, receipt.stream());
                        ps.setLong(2, receipt.seq());
                        ps.setBytes(3, r.digest());
                        ps.setLong(4, receipt.generation());
                        ps.setBytes(5, receipt.answer());
                        ps.setString(6, receipt.problemKind());
                        ps.setString(7, receipt.problemMessage());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!batch.inStreams.isEmpty()) {
            // Receipts the sender has confirmed are never asked for again.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO instreams (id, sender, last_seq, floor,"
                    + " sender_generation) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq,"
                    + " floor = excluded.floor, sender_generation = excluded.sender_generation");
                 PreparedStatement prune = c.prepareStatement("DELETE FROM receipts WHERE stream = ? AND seq <= ?");
                 PreparedStatement incarnation = c.prepareStatement("INSERT INTO instream_incarnations (id, incarnation)"
                         + " VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET incarnation = excluded.incarnation");
                 PreparedStatement stop = c.prepareStatement("INSERT INTO stopped_instreams (id, why) VALUES (?, ?)"
                         + " ON CONFLICT (id) DO NOTHING")) {
                for (InStream s : batch.inStreams) {
                    ps.setString(1, s.id);
                    ps.setString(2, s.from);
                    ps.setLong(3, s.last);
                    ps.setLong(4, s.floor);
                    ps.setLong(5, s.senderGeneration);
                    ps.addBatch();
                    prune.setString(1, s.id);
                    prune.setLong(2, s.floor);
                    prune.addBatch();
                    if (!s.senderIncarnation.isEmpty()) {
                        incarnation.setString(1, s.id);
                        incarnation.setString(2, s.senderIncarnation);
                        incarnation.addBatch();
                    }
                    if (s.halted != null) {
                        stop.setString(1, s.id);
                        stop.setString(2, s.halted);
                        stop.addBatch();
                    }
                }
                ps.executeBatch();
                prune.executeBatch();
                incarnation.executeBatch();
                stop.executeBatch();
            }
        }
        if (!batch.alarms.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarms (id, subject, raised, what, repeats,"
                    + " acknowledged) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET what = excluded.what,"
                    + " repeats = excluded.repeats, acknowledged = excluded.acknowledged")) {
                for (Alarm alarm : batch.alarms) {
                    ps.setLong(1, alarm.id());
                    ps.setString(2, alarm.subject());
                    ps.setString(3, alarm.raised());
                    ps.setString(4, alarm.what());
                    ps.setLong(5, alarm.repeats());
                    ps.setString(6, alarm.acknowledged());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        StoreMeta.put(c, "next_ticket", Long.toString(batch.nextTicket));
        StoreMeta.put(c, "next_object", Long.toString(batch.nextObject));
        StoreMeta.put(c, "turns", Long.toString(batch.turnsThrough));
    }
}
