package dev.erg.crypto;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The keys one TLS listener answers with when it hosts several vats: a <em>host</em> vat's,
 * presented to a dialer that names no vat, and the key of each vat put here, presented to a
 * dialer whose server name ({@link VatServerName}) names that vat. A dialer that names a vat
 * not here is shown the host key, which its pinning then refuses unless the listener
 * redirects it ({@link VatTls#REDIRECT_PROTOCOL}).
 *
 * <p>Vats are put and removed while the listener runs; a handshake uses the keys as they
 * stand when it chooses. Thread-safe.
 */
public final class HostedKeys {

    private final VatTls host;
    private final Map<VatId, VatTls> vats = new ConcurrentHashMap<>();
    private final SelectingKeyManager keyManager = new SelectingKeyManager(this);

    private HostedKeys(VatTls host) {
        this.host = host;
    }

    /** Keys that present {@code host}'s key until vats are put. */
    public static HostedKeys of(VatTls host) {
        return new HostedKeys(Objects.requireNonNull(host, "host"));
    }

    /** The host vat's TLS pieces, whose provider every vat put here shares. */
    public VatTls host() {
        return host;
    }

    /**
     * Presents {@code vat}'s key to dialers that name it, replacing any key put for the same
     * vat id.
     *
     * @throws IllegalArgumentException if {@code vat} uses another TLS provider than the host
     */
    public void put(VatTls vat) {
        Objects.requireNonNull(vat, "vat");
        if (vat.provider() != host.provider()) {
            throw new IllegalArgumentException("vat " + vat.vatId() + " uses " + vat.provider()
                    + " but this listener's host uses " + host.provider());
        }
        vats.put(vat.vatId(), vat);
    }

    /** Stops presenting {@code vat}'s key; returns whether it was here. The host's stays. */
    public boolean remove(VatId vat) {
        return vats.remove(Objects.requireNonNull(vat, "vat")) != null;
    }

    /** Whether a dialer naming {@code vat} is shown {@code vat}'s own key: it is the host or was put here. */
    public boolean presents(VatId vat) {
        return host.vatId().equals(vat) || vats.containsKey(vat);
    }

    /**
     * The key manager to build the listener's TLS context with: it reads the server name of
     * each handshake and presents the key of the vat it names, or the host's key.
     */
    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** The TLS pieces whose key a dialer naming {@code requested} (null: no name) is shown. */
    VatTls chosenFor(VatId requested) {
        if (requested == null) {
            return host;
        }
        VatTls vat = vats.get(requested);
        return vat != null ? vat : host;
    }

    /** The TLS pieces of {@code vat} if it is the host or was put here, else null. */
    VatTls of(VatId vat) {
        return host.vatId().equals(vat) ? host : vats.get(vat);
    }
}
