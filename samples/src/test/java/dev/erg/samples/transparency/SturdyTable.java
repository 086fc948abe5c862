package dev.erg.samples.transparency;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.crypto.VatId;
import dev.erg.server.spi.Network;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Network} of one vat of a transparency scenario, where no vat-server gives sturdy
 * refs: a table from sturdy refs, as text, to references that vat may use. A reference a
 * {@code World} shared with the vat, entered here, is reached by its sturdy ref as a service
 * would reach it through its server's node; a reference the vat exported, entered here,
 * is handed out by text. The refs are well formed but name no address anyone listens on;
 * they are the same in every run, so every mode sees the same text.
 */
public final class SturdyTable implements Network {

    private final VatId vatId;
    private final Map<String, Object> refs = new HashMap<>();
    private int issued;

    /** An empty table whose refs name a vat id made from {@code name}. */
    public SturdyTable(String name) {
        this.vatId = VatId.fromBytes(bytes(name, 0));
    }

    /** Thirty-two bytes that differ with {@code seed} and {@code serial} and are the same in every run. */
    private static byte[] bytes(String seed, int serial) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((seed + "#" + serial).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    /**
     * The object {@code ref} designates in this table, as {@code iface}; broken with
     * {@code NotFound} if it designates nothing (never entered, or revoked).
     */
    @Override
    public synchronized <T> Promise<T> connect(SturdyRef ref, Class<T> iface) {
        Object target = refs.get(ref.toString());
        if (target == null) {
            return Promise.broken(Problem.of("NotFound", "no object is known by that sturdy ref"));
        }
        return Promise.of(iface.cast(target));
    }

    /** A new sturdy ref to {@code ref}, valid until revoked. */
    @Override
    public synchronized SturdyRef sturdyRef(Object ref) {
        issued++;
        SturdyRef sturdy = new SturdyRef(vatId, List.of(InetSocketAddress.createUnresolved("127.0.0.1", 9)),
                SwissNumber.fromBytes(bytes(vatId.toString(), issued)));
        refs.put(sturdy.toString(), ref);
        return sturdy;
    }

    @Override
    public synchronized boolean revoke(SturdyRef ref) {
        return refs.remove(ref.toString()) != null;
    }
}
