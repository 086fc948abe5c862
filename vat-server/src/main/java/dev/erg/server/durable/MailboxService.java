package dev.erg.server.durable;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.regex.Pattern;

/** The {@link Mailbox} of a server: checks each letter's form and hands it to the engine. */
final class MailboxService implements Mailbox {

    /** Largest encoded arguments accepted, in bytes: half a frame, so that a letter always fits in one. */
    static final int MAX_ARGS = 1 << 19;

    /** Longest method name accepted, in characters. */
    static final int MAX_METHOD = 200;

    private static final Pattern STREAM = Pattern.compile("[0-9a-f]{32}");

    private final Engine engine;

    MailboxService(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Promise<Receipt> deliver(Letter letter) {
        String wrong = wrong(letter);
        if (wrong != null) {
            return Promise.broken(Problem.of(Problem.REFUSED, "malformed letter: %s", wrong));
        }
        Deferred<Receipt> receipt = Promise.defer();
        engine.deliver(letter, receipt.resolver());
        return receipt.promise();
    }

    @Override
    public Promise<Progress> progress() {
        return Promise.of(engine.progress());
    }

    private static String wrong(Letter letter) {
        if (letter == null) {
            return "no letter";
        }
        if (letter.stream() == null || !STREAM.matcher(letter.stream()).matches()) {
            return "stream id is not 32 lower-case hex digits";
        }
        if (letter.from() == null || letter.from().length() > 200) {
            return "sender vat id missing or too long";
        }
        if (letter.seq() < 1 || letter.ackedThrough() < 0 || letter.ackedThrough() >= letter.seq()) {
            return "seq " + letter.seq() + " with ackedThrough " + letter.ackedThrough()
                    + " (expected: 0 <= ackedThrough < seq)";
        }
        if (letter.senderGeneration() < 1 || letter.receiverGeneration() < 0) {
            return "negative or zero generation";
        }
        if (letter.senderIncarnation() == null || !STREAM.matcher(letter.senderIncarnation()).matches()) {
            return "sender incarnation is not 32 lower-case hex digits";
        }
        if (letter.swiss() == null || letter.method() == null || letter.method().isEmpty()
                || letter.method().length() > MAX_METHOD) {
            return "target or method missing";
        }
        if (letter.args() == null || letter.args().length > MAX_ARGS) {
            return "arguments missing or larger than " + MAX_ARGS + " bytes";
        }
        return null;
    }
}
