package dev.erg.server.durable;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending ends of this vat's durable streams, one per receiving vat, by id and by target:
 * letters that turns send join them, receipts advance them, a receiver's refusal or rollback
 * stops them, and an operator resumes a stopped one on a new stream. Confined to the engine's
 * thread, as the {@link OutStream}s are; changes reach the store in the batch they join.
 */
final class OutStreams {

    private static final Logger LOG = LoggerFactory.getLogger(OutStreams.class);

    private final JdbcStore store;
    private final Alarms alarms;
    private final SecureRandom random;
    private final Map<String, OutStream> byId = new HashMap<>();
    private final Map<String, OutStream> byTarget = new HashMap<>();

    OutStreams(JdbcStore store, Alarms alarms, SecureRandom random) {
        this.store = store;
        this.alarms = alarms;
        this.random = random;
    }

    /** Reads the streams from the store, forgetting those in memory; a stopped one's alarm is in the store already. */
    void load() {
        byId.clear();
        byTarget.clear();
        for (OutStream s : store.outStreams()) {
            byId.put(s.id, s);
            byTarget.put(s.targetVat, s);
        }
    }

    /** Every stream in use. */
    Collection<OutStream> all() {
        return byId.values();
    }

    /** Adds the letter a turn sent to the stream towards its vat, which the first letter makes. */
    void send(Turn.Send send, Batch batch) {
        String target = send.target().vatId().toString();
        OutStream stream = byTarget.get(target);
        String mailbox = Mailbox.of(send.target()).toString();
        if (stream == null) {
            stream = open(target, mailbox);
        } else if (!stream.mailbox.equals(mailbox)) {
            // The newest sturdy ref says best where the vat is now.
            stream.mailbox = mailbox;
        }
        OutLetter letter = new OutLetter(stream.id, stream.nextSeq++, send.ticket(), send.sender(),
                send.target().swiss().text(), send.method(), send.args());
        batch.outStreams.add(stream);
        batch.sent.add(letter);
    }

    private OutStream open(String target, String mailbox) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        OutStream stream = new OutStream(HexFormat.of().formatHex(id), target, mailbox, 1, 0, 0, null);
        byTarget.put(target, stream);
        byId.put(stream.id, stream);
        return stream;
    }

    /**
     * Stores the receipt of {@code letter} if it is the next one its stream awaits, or stops the
     * stream if the receiver answers from an older generation than before; answers whether the
     * letter is delivered now, so that its sender may be told.
     */
    boolean acknowledge(OutLetter letter, Receipt receipt, Batch batch) {
        OutStream stream = byId.get(letter.stream());
        if (stream == null || stream.halted != null || letter.seq() != stream.acked + 1) {
            return false;
        }
        if (receipt.generation() < stream.peerGeneration) {
            halt(stream, "vat " + stream.targetVat + " answered letter " + letter.seq() + " from generation "
                    + receipt.generation() + " after generation " + stream.peerGeneration
                    + ": it was restored from an older copy of its store", batch);
            return false;
        }
        stream.acked = letter.seq();
        stream.peerGeneration = receipt.generation();
        batch.outStreams.add(stream);
        batch.delivered.add(letter);
        return true;
    }

    /** Stops stream {@code id}, unless it is unknown or stopped already. */
    void halt(String id, String why, Batch batch) {
        OutStream stream = byId.get(id);
        if (stream != null && stream.halted == null) {
            halt(stream, why, batch);
        }
    }

    private void halt(OutStream stream, String why, Batch batch) {
        stream.halted = why;
        batch.outStreams.add(stream);
        String report = "outbox to vat " + stream.targetVat + " is stopped: " + why;
        LOG.error(report);
        alarms.raise("outbox " + stream.id, report);
    }

    /**
     * The batch that moves the letters waiting in the stopped stream towards {@code vat} to a new
     * stream, numbered from 1: it drops the old stream and holds the new one and its letters.
     *
     * @throws IllegalArgumentException if this vat has never sent to {@code vat}
     * @throws IllegalStateException    if that stream is not stopped
     */
    Batch resume(String vat) {
        OutStream old = byTarget.get(vat);
        if (old == null) {
            throw new IllegalArgumentException("this vat has no outbox to vat " + vat);
        }
        if (old.halted == null) {
            throw new IllegalStateException("the outbox to vat " + vat + " is not stopped");
        }
        List<OutLetter> waiting = store.outbox().stream().filter(l -> l.stream().equals(old.id)).toList();
        OutStream fresh = open(vat, old.mailbox);
        byId.remove(old.id);
        Batch batch = new Batch();
        batch.dropped.add(old);
        batch.outStreams.add(fresh);
        for (OutLetter l : waiting) {
            batch.sent.add(new OutLetter(fresh.id, fresh.nextSeq++, l.ticket(), l.sender(), l.swiss(), l.method(),
                    l.args()));
        }
        batch.turns = 1;
        return batch;
    }
}
