package dev.erg.server.durable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checks by which a receiving vat notices that it, or the sender of a stream, was
 * restored from an older copy of its store: generations that go back, numbers that skip or
 * repeat, counts that shrink, two starts under one generation, and a later start that has
 * forgotten receipts an earlier one confirmed.
 */
final class Amnesia {

    private Amnesia() {
    }

    /**
     * Why {@code letter} must be refused because one side forgot what it acknowledged, or
     * null: {@code stream} is what this vat remembers of its stream (null: nothing), and
     * {@code generation} this vat's. A letter already consumed passes, to be checked against
     * its receipt.
     */
    static String refusal(Letter letter, InStream stream, long generation) {
        if (letter.receiverGeneration() > generation) {
            return "vat " + letter.from() + " has had receipts from generation " + letter.receiverGeneration()
                    + " of this vat, which is only at generation " + generation
                    + ": this vat was restored from an older copy of its store";
        }
        long last = stream == null ? 0 : stream.last;
        if (letter.ackedThrough() > last) {
            return "vat " + letter.from() + " holds receipts up to letter " + letter.ackedThrough()
                    + " but this vat remembers consuming only " + last
                    + ": this vat was restored from an older copy of its store";
        }
        if (letter.seq() > last + 1) {
            return "letter " + letter.seq() + " comes after " + last + ", the last this vat remembers consuming:"
                    + " this vat was restored from an older copy of its store";
        }
        // These two hold for letters sent again too: a start is not a copy on a given-up session.
        if (stream != null && letter.senderGeneration() == stream.senderGeneration && !stream.senderIncarnation.isEmpty()
                && !letter.senderIncarnation().equals(stream.senderIncarnation)) {
            return "two starts of vat " + letter.from() + " both write as generation " + letter.senderGeneration()
                    + " (incarnations " + stream.senderIncarnation + " and " + letter.senderIncarnation()
                    + "): the sender was restored from an older copy of its store";
        }
        if (stream != null && letter.senderGeneration() > stream.senderGeneration && letter.ackedThrough() < stream.floor) {
            return "vat " + letter.from() + " started again (generation " + letter.senderGeneration()
                    + ") holding receipts only up to " + letter.ackedThrough() + " after confirming up to " + stream.floor
                    + ": the sender was restored from an older copy of its store";
        }
        if (letter.seq() <= last) {
            // A letter sent again is judged by its stored receipt: a copy still travelling on a
            // session the sender has given up carries older counts without any rollback.
            return null;
        }
        if (stream != null && letter.senderGeneration() < stream.senderGeneration) {
            return "vat " + letter.from() + " writes from generation " + letter.senderGeneration() + " after generation "
                    + stream.senderGeneration + ": the sender was restored from an older copy of its store";
        }
        if (stream != null && letter.ackedThrough() < stream.floor) {
            return "vat " + letter.from() + " now confirms receipts only up to " + letter.ackedThrough()
                    + " after confirming up to " + stream.floor + ": the sender was restored from an older copy of its store";
        }
        return null;
    }

    /** What identifies a letter's call, so that a different letter under a number already consumed is noticed. */
    static byte[] digest(Letter letter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(letter.swiss().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(letter.method().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(letter.args());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
