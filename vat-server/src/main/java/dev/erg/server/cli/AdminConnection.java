package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.SturdyListing;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.LockState;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A connection to the {@link Admin} object of the server running on a data directory,
 * reached through the sturdy ref it wrote to {@code admin.ref}: reading that file is the
 * authority to manage the server.
 */
final class AdminConnection implements RefBook {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final CapTpClient client;
    private final Admin admin;

    private AdminConnection(CapTpClient client, Admin admin) {
        this.client = client;
        this.admin = admin;
    }

    /**
     * Connects to the admin object of the server running on {@code dir}, which the command
     * line named {@code given}.
     *
     * @throws SetupException if no server runs there, or {@link #open} fails
     */
    static AdminConnection toRunning(Launch launch, DataDir dir, Path given) throws SetupException {
        if (dir.lockState() instanceof LockState.Free free) {
            throw new SetupException(notRunning(dir, free) + "; start one with `vat-server run --data " + given + "`");
        }
        return open(launch, dir);
    }

    /** Says that no server runs on {@code dir}, and whether the last one ended without stopping. */
    static String notRunning(DataDir dir, LockState.Free free) {
        return "no vat-server is running on " + dir.root() + (free.stalePid().isPresent()
                ? " (the last one, pid " + free.stalePid().getAsLong() + ", ended without stopping: it was killed or crashed)"
                : "");
    }

    /**
     * Connects to the admin object of the server running on {@code dir}, from the command
     * line's {@link ClientIdentity}.
     *
     * @throws SetupException if its admin ref cannot be read or it does not answer
     */
    static AdminConnection open(Launch launch, DataDir dir) throws SetupException {
        String text;
        try {
            text = Files.readString(dir.adminRefFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SetupException("a vat-server holds " + dir.root() + " but has written no " + dir.adminRefFile().getFileName()
                    + " yet; if it is starting, try again");
        } catch (IOException e) {
            throw new SetupException("cannot read " + dir.adminRefFile() + ": " + e.getMessage(), e);
        }
        SturdyRef ref;
        try {
            ref = SturdyRef.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SetupException(dir.adminRefFile() + " is damaged: " + e.getMessage());
        }
        CapTpClient client;
        try {
            PassableRegistry.Builder registry = PassableRegistry.builder();
            AdminProtocol.PASSABLES.forEach(registry::add);
            ClientProcess.prepare();
            client = CapTpClient.start(ClientIdentity.load(launch), registry.build(), TIMEOUT);
        } catch (SSLException e) {
            throw new SetupException("cannot set up TLS: " + e.getMessage(), e);
        }
        try {
            return new AdminConnection(client, client.connect(ref, Admin.class));
        } catch (ProblemException e) {
            client.close();
            throw new SetupException("the vat-server running on " + dir.root() + " does not answer: " + e.problem(), e);
        }
    }

    /** The admin object. */
    Admin admin() {
        return admin;
    }

    /** Waits for an answer of the admin object. */
    <T> T await(Promise<T> answer) {
        return client.await(answer);
    }

    @Override
    public String mint(String service, boolean revocable) {
        return client.await(revocable ? admin.mintRevocable(service) : admin.mint(service));
    }

    @Override
    public List<SturdyListing> list() {
        return client.await(admin.list());
    }

    @Override
    public boolean revoke(String sturdyRef, boolean live) {
        return client.await(live ? admin.revokeLive(sturdyRef) : admin.revoke(sturdyRef));
    }

    @Override
    public boolean online() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }
}
