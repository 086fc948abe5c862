package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.server.admin.SturdyListing;
import dev.erg.server.config.ServerConfig;
import dev.erg.server.config.SetupException;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.DirLock;
import dev.erg.server.store.SturdyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;

/**
 * The sturdy refs of a data directory no server runs on, edited in its files while this
 * process holds the directory's lock, so that no server starts meanwhile. Refs are written
 * with the hints the configuration gives; the server reinstates them at its next start.
 */
final class OfflineRefBook implements RefBook {

    static final String NOT_REVOCABLE = "the sturdy ref was not minted revocable (`sturdy mint --revocable`), so the"
            + " references obtained through it reach the service directly and cannot be cut; it is still in force";

    private final DataDir dir;
    private final DirLock lock;
    private final ServerConfig config;
    private final SturdyStore store;

    private OfflineRefBook(DataDir dir, DirLock lock, ServerConfig config, SturdyStore store) {
        this.dir = dir;
        this.lock = lock;
        this.config = config;
        this.store = store;
    }

    /** The book of {@code dir}, whose lock {@code lock} this process holds. */
    static OfflineRefBook open(DataDir dir, DirLock lock, ServiceRegistry makers) throws SetupException {
        return new OfflineRefBook(dir, lock, dir.config(makers.names()), dir.sturdyRefs());
    }

    private List<InetSocketAddress> hints() throws SetupException {
        if (!config.advertise().isEmpty()) {
            return config.advertise();
        }
        if (config.listen().getPort() == 0) {
            throw new SetupException("the configuration listens on port 0, chosen afresh at each start, so a sturdy ref"
                    + " made while the server is stopped has no address; start it, or set `advertise`");
        }
        return List.of(config.listen());
    }

    @Override
    public String mint(String service, boolean revocable) throws SetupException {
        if (config.service(service).isEmpty()) {
            throw new SetupException("no service called \"" + service + "\" is configured (configured: "
                    + String.join(", ", config.services().stream().map(s -> s.name()).toList()) + ")");
        }
        SturdyRef ref = new SturdyRef(dir.vatId(), hints(), SwissNumber.random(new SecureRandom()));
        try {
            store.add(new SturdyStore.Entry(ref.swiss(), service, revocable));
        } catch (UncheckedIOException e) {
            throw new SetupException(e.getMessage(), e);
        }
        return ref.toString();
    }

    @Override
    public List<SturdyListing> list() throws SetupException {
        List<InetSocketAddress> hints = hints();
        return store.entries().stream()
                .map(e -> new SturdyListing(e.service(), new SturdyRef(dir.vatId(), hints, e.swiss()).toString(),
                        e.revocable()))
                .toList();
    }

    @Override
    public boolean revoke(String sturdyRef, boolean live) throws SetupException {
        SturdyRef ref = SturdyRefs.parse(sturdyRef);
        if (!ref.vatId().equals(dir.vatId())) {
            throw new SetupException("the sturdy ref names vat " + ref.vatId() + ", not the vat of " + dir.root()
                    + " (" + dir.vatId() + ")");
        }
        // With no server running there are no live references to cut, but a ref minted
        // otherwise is refused alike, so that the command means the same either way.
        if (live && store.find(ref.swiss()).filter(SturdyStore.Entry::revocable).isEmpty()) {
            throw new SetupException(NOT_REVOCABLE);
        }
        try {
            return store.remove(ref.swiss()) != null;
        } catch (UncheckedIOException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    @Override
    public boolean online() {
        return false;
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // The lock goes with the process, which ends soon.
        }
    }
}
