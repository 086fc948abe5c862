package dev.erg.ocapn.session;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Promise;
import dev.erg.wire.codec.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bootstrap object an OCapN peer finds at export position 0: {@code fetch} takes the
 * bytes of a sturdy ref's swiss number as its {@code ocapn://…/s/<swiss-num>} URI writes it,
 * UTF-8, which for Erg's swiss numbers is their 43-character text, and gives the object
 * {@code sturdy} holds under it, or the object {@linkplain #agree agreed on} under those bytes. A number that is not such text names nothing, as an unknown
 * one does. {@code deposit-gift} and {@code withdraw-gift} never reach it: the session hands
 * them to the node's {@link OcapnHandoffs}.
 */
public final class OcapnBootstrap implements Bootstrap {

    private final SturdyTable sturdy;
    /** Objects under swiss numbers chosen rather than drawn, by the number's bytes. */
    private final Map<Bytes, Object> agreed = new ConcurrentHashMap<>();

    /** A bootstrap object over {@code sturdy}. */
    public OcapnBootstrap(SturdyTable sturdy) {
        this.sturdy = sturdy;
    }

    /**
     * Makes {@code fetch} of the bytes {@code swiss} give {@code object}: a number agreed on
     * beforehand, such as the public OCapN test suite's, which is no secret. Replaces what
     * the number gave before.
     */
    public void agree(byte[] swiss, Object object) {
        agreed.put(Bytes.of(swiss.clone()), Objects.requireNonNull(object, "object"));
    }

    /** The bytes {@code fetch} takes for the swiss number written {@code text} in a sturdy ref. */
    public static byte[] fetchArgument(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Promise<Object> fetch(byte[] swiss) {
        Object chosen = swiss == null ? null : agreed.get(Bytes.of(swiss));
        if (chosen != null) {
            return Promise.of(chosen);
        }
        if (swiss == null || swiss.length != SwissNumber.TEXT_LENGTH) {
            return Promise.broken(SturdyTable.NOT_FOUND);
        }
        SwissNumber number;
        try {
            number = SwissNumber.parse(new String(swiss, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notText) {
            return Promise.broken(SturdyTable.NOT_FOUND);
        }
        return sturdy.lookup(number).map(Promise::of).orElseGet(() -> Promise.broken(SturdyTable.NOT_FOUND));
    }

    @Override
    public void ping() {
        sturdy.ping();
    }
}
