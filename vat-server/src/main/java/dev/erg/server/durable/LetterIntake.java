package dev.erg.server.durable;

import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes in letters from other vats by the receiving ends of their streams: refuses a letter
 * that shows its sender or this vat was restored from an old copy, and stops its stream for
 * good so that no later letter of it is consumed either; gives the stored receipt
 * again for a letter already consumed, and otherwise has {@link LetterCalls} consume it and
 * keeps its receipt in the batch. Confined to the engine's thread, as the {@link InStream}s
 * are; forgotten after a failed commit.
 */
final class LetterIntake {

    private final JdbcStore store;
    private final Alarms alarms;
    private final long generation;
    private final LetterCalls letterCalls;
    private final Map<String, InStream> inStreams = new HashMap<>();

    /** Letters are checked against this vat's {@code generation}, and consumed by {@code letterCalls}. */
    LetterIntake(JdbcStore store, Alarms alarms, long generation, LetterCalls letterCalls) {
        this.store = store;
        this.alarms = alarms;
        this.generation = generation;
        this.letterCalls = letterCalls;
    }

    /** Consumes {@code letter} in {@code batch}, or refuses it; {@code resolver} is settled after the commit. */
    void deliver(Letter letter, Resolver<Receipt> resolver, Batch batch, List<Settle> settles) {
        InStream stream = inStream(letter.stream());
        if (stream != null && stream.halted != null) {
            // The alarm was raised when the stream stopped; the log shows a line per interval.
            String why = "this stream is stopped: " + stream.halted;
            Engine.PEER_CAUSED.log(System.Logger.Level.ERROR, "letter refused on a stopped stream",
                    () -> "letter " + letter.seq() + " of stream " + letter.stream() + " from vat " + letter.from()
                            + " refused: " + why, null);
            settles.add(refusal(resolver, new Problem(Mailbox.AMNESIA, why)));
            return;
        }
        String refused = Amnesia.refusal(letter, stream, generation);
        if (refused != null) {
            stop(letter, stream, refused, batch, resolver, settles);
            return;
        }
        byte[] digest = Amnesia.digest(letter);
        if (stream != null && letter.seq() <= stream.last) {
            StoredReceipt stored = receipt(letter.stream(), letter.seq(), batch);
            if (stored == null) {
                // Only the sender knows whether it still awaits this receipt, so it decides; a copy
                // overtaken by the sender's later session would be the harmless other explanation.
                refuse(letter, "comes again after its sender confirmed its receipt: the sender was restored from an"
                                + " older copy of its store, unless this copy travelled on a session the sender had given up",
                        Problem.of(Mailbox.CONFIRMED, "letter %d of this stream was confirmed by its sender already",
                                letter.seq()), resolver, settles);
                return;
            }
            if (!Arrays.equals(stored.digest(), digest)) {
                stop(letter, stream, "a different letter was consumed under this number: the sender was restored from an"
                        + " older copy", batch, resolver, settles);
                return;
            }
            if (stream.heardFrom(letter)) {
                batch.inStreams.add(stream);
            }
            Receipt again = stored.receipt();
            settles.add(new Settle(() -> resolver.resolve(again), resolver::reject));
            return;
        }
        if (stream == null) {
            stream = InStream.openedBy(letter);
            inStreams.put(stream.id, stream);
        }
        Receipt receipt = letterCalls.consume(letter, batch);
        stream.last = letter.seq();
        stream.floor = Math.max(stream.floor, letter.ackedThrough());
        stream.heardFrom(letter);
        batch.inStreams.add(stream);
        batch.addReceipt(stream.id, letter.seq(), new StoredReceipt(digest, receipt));
        settles.add(new Settle(() -> resolver.resolve(receipt), resolver::reject));
    }

    /** Forgets the streams in memory: after a failed commit they may be ahead of the store. */
    void clear() {
        inStreams.clear();
    }

    /**
     * Refuses {@code letter} for amnesia and stops its stream in {@code batch}, making it if this
     * vat forgot it: every later letter of the stream is refused too, and its sender resumes on a
     * new stream once an operator has looked.
     */
    private void stop(Letter letter, InStream known, String why, Batch batch, Resolver<Receipt> resolver,
                      List<Settle> settles) {
        InStream stream = known;
        if (stream == null) {
            stream = InStream.openedBy(letter);
            inStreams.put(stream.id, stream);
        }
        stream.halted = "letter " + letter.seq() + " was refused: " + why;
        batch.inStreams.add(stream);
        refuse(letter, "refused: " + why, new Problem(Mailbox.AMNESIA, why), resolver, settles);
    }

    private static Settle refusal(Resolver<Receipt> resolver, Problem problem) {
        return new Settle(() -> resolver.reject(problem), p -> resolver.reject(problem));
    }

    /** Breaks the receipt of {@code letter} with {@code problem}, and reports what happened to it. */
    private void refuse(Letter letter, String what, Problem problem, Resolver<Receipt> resolver, List<Settle> settles) {
        String report = "letter " + letter.seq() + " of stream " + letter.stream() + " from vat " + letter.from() + " "
                + what;
        // Every refusal is an alarm; the log shows a line per kind of refusal per interval.
        Engine.PEER_CAUSED.log(System.Logger.Level.ERROR, "letter refused " + problem.kind(), () -> report, null);
        alarms.raise("stream " + letter.stream(), report);
        settles.add(refusal(resolver, problem));
    }

    private StoredReceipt receipt(String stream, long seq, Batch batch) {
        StoredReceipt pending = batch.receipt(stream, seq);
        return pending != null ? pending : store.receipt(stream, seq);
    }

    private InStream inStream(String id) {
        InStream cached = inStreams.get(id);
        if (cached == null) {
            cached = store.inStream(id);
            if (cached != null) {
                inStreams.put(id, cached);
            }
        }
        return cached;
    }
}
