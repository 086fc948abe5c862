package dev.erg.server.durable;

import dev.erg.crypto.SwissNumber;
import dev.erg.server.durable.flows.InFlow;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Opens durable streams to this vat's objects: the letter {@link Outlet#OPEN} carries the
 * stream's secret and topic, and its turn makes the stream's {@link Inlet}, at the swiss
 * number the secret gives, and tells the receiving object. Used on the engine's thread.
 */
final class Inlets {

    /** The length of a stream's secret, which its writer draws. */
    static final int SECRET_BYTES = 32;

    private static final Type[] OPEN_ARGS = {String.class, String.class};
    private static final Pattern SECRET_TEXT = Pattern.compile("[0-9a-f]{" + 2 * SECRET_BYTES + "}");
    private static final byte[] DOMAIN = "erg durable stream inlet\0".getBytes(StandardCharsets.US_ASCII);

    private final Engine engine;
    private final StateCodec codec;
    private final Function<SwissNumber, Long> targets;
    private final TurnRunner runner;

    Inlets(Engine engine, StateCodec codec, Function<SwissNumber, Long> targets, TurnRunner runner) {
        this.engine = engine;
        this.codec = codec;
        this.targets = targets;
        this.runner = runner;
    }

    /**
     * The swiss number of the inlet of the stream whose secret is {@code secret}: a hash, so
     * that a writer cannot choose it to be one that designates something else.
     */
    static SwissNumber swiss(byte[] secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(DOMAIN);
            return SwissNumber.fromBytes(sha256.digest(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Runs the open letter {@code args} to {@code sink} as one turn: makes the inlet and tells the sink. */
    Outcome open(Live sink, byte[] args, Batch batch) {
        String secretText;
        String topic;
        try {
            Object[] decoded = codec.decodeArguments(args, OPEN_ARGS);
            secretText = (String) decoded[0];
            topic = (String) decoded[1];
        } catch (IllegalArgumentException e) {
            return refused("a stream's opening does not fit [secret, topic]: " + e.getMessage());
        }
        if (secretText == null || topic == null || topic.length() > SelfStreams.MAX_TOPIC
                || !SECRET_TEXT.matcher(secretText).matches()) {
            return refused("a stream's opening needs a secret of " + 2 * SECRET_BYTES
                    + " lower-case hex digits and a topic of at most " + SelfStreams.MAX_TOPIC + " characters");
        }
        SwissNumber inlet = swiss(HexFormat.of().parseHex(secretText));
        if (targets.apply(inlet) != null || batch.madeAt(inlet) != null) {
            return refused("this stream was opened already");
        }
        return runner.turn(sink, code -> {
            if (!(code instanceof StreamSink receiver)) {
                throw new ProblemException(Problem.of(Problem.NOT_CALLABLE, "kind %s does not receive streams",
                        sink.kind.name()));
            }
            long id = engine.make(Inlet.KIND, new InFlow(sink.id, topic, 0, false), inlet);
            receiver.receive(new StreamEvent.Opened(id, topic));
            return null;
        }, batch);
    }

    private static Outcome refused(String why) {
        return new Outcome(null, Problem.of(Problem.REFUSED, "%s", why));
    }
}
