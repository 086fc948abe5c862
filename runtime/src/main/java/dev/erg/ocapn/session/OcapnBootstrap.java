package dev.erg.ocapn.session;

import dev.erg.captp.session.Bootstrap;
import dev.erg.captp.session.SturdyTable;
import dev.erg.crypto.SwissNumber;
import dev.erg.vat.Promise;
import java.nio.charset.StandardCharsets;

/**
 * The bootstrap object an OCapN peer finds at export position 0: {@code fetch} takes the
 * bytes of a sturdy ref's swiss number as its {@code ocapn://…/s/<swiss-num>} URI writes it,
 * UTF-8, which for Erg's swiss numbers is their 43-character text, and gives the object
 * {@code sturdy} holds under it. A number that is not such text names nothing, as an unknown
 * one does. {@code deposit-gift} and {@code withdraw-gift} never reach it: the session hands
 * them to the node's {@link OcapnHandoffs}.
 */
public final class OcapnBootstrap implements Bootstrap {

    private final SturdyTable sturdy;

    /** A bootstrap object over {@code sturdy}. */
    public OcapnBootstrap(SturdyTable sturdy) {
        this.sturdy = sturdy;
    }

    /** The bytes {@code fetch} takes for the swiss number written {@code text} in a sturdy ref. */
    public static byte[] fetchArgument(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Promise<Object> fetch(byte[] swiss) {
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
