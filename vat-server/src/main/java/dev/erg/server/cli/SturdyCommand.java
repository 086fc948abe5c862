package dev.erg.server.cli;

import dev.erg.server.admin.SturdyListing;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.DirLock;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vat-server sturdy mint|list|revoke}: the sturdy refs of hosted services. While a
 * server runs on the data directory, the command asks its admin object, so changes take
 * effect at once; otherwise it edits the directory's files under its lock, and the server
 * picks them up at its next start.
 */
@Command(name = "sturdy",
        description = {
                "Manages the sturdy refs of hosted services; they survive restarts.",
                "Goes through the running server when there is one (changes take effect at once);"
                        + " otherwise edits the data directory, for the next start."})
final class SturdyCommand {

    private final Launch launch;

    SturdyCommand(Launch launch) {
        this.launch = launch;
    }

    @Command(name = "mint", description = "Issues a new sturdy ref to a hosted service and prints it.")
    int mint(@Mixin DataOptions data,
             @Parameters(paramLabel = "SERVICE", description = "The service's name in the configuration.") String service,
             @Option(names = "--revocable", description = {
                     "Serves the ref through a membrane, so that `sturdy revoke --live` can also cut the references"
                             + " obtained through it; each call on them then takes one more hop, through the membrane's vat."})
             boolean revocable)
            throws SetupException {
        try (RefBook book = open(data)) {
            launch.out().println(book.mint(service, revocable));
            noteOffline(data, book, "added to its files; the server serves it from its next start");
        }
        return 0;
    }

    @Command(name = "list", description = "Prints each sturdy ref issued: the service, the ref, and `revocable` for one"
            + " minted so.")
    int list(@Mixin DataOptions data) throws SetupException {
        try (RefBook book = open(data)) {
            for (SturdyListing listing : book.list()) {
                launch.out().println(listing.service() + "\t" + listing.sturdyRef() + (listing.revocable() ? "\trevocable" : ""));
            }
            noteOffline(data, book, "read from its files");
        }
        return 0;
    }

    @Command(name = "revoke", description = {"Makes a sturdy ref designate nothing, for good.",
            "References already obtained through it keep working, unless --live is given."})
    int revoke(@Mixin DataOptions data,
               @Parameters(paramLabel = "STURDY-REF", description = "The captp:// URI to revoke.") String sturdyRef,
               @Option(names = "--live", description = {
                       "Also cuts every live reference obtained through the ref: calls on them break with Revoked."
                               + " Only for refs minted with --revocable."})
               boolean live)
            throws SetupException {
        SturdyRefs.parse(sturdyRef);
        try (RefBook book = open(data)) {
            if (!book.revoke(sturdyRef.strip(), live)) {
                launch.err().println("vat-server: no object was registered under that sturdy ref");
                return 1;
            }
            launch.out().println("revoked");
            noteOffline(data, book, "removed from its files");
        }
        return 0;
    }

    private void noteOffline(DataOptions data, RefBook book, String what) {
        if (!book.online()) {
            launch.err().println("(no vat-server is running on " + data.data + ": " + what + ")");
        }
    }

    private RefBook open(DataOptions data) throws SetupException {
        DataDir dir = DataDir.open(launch.resolve(data.data));
        Optional<DirLock> lock = dir.tryLock();
        if (lock.isEmpty()) {
            return AdminConnection.open(launch, dir);
        }
        try {
            return OfflineRefBook.open(dir, lock.get(), launch.makers());
        } catch (SetupException | RuntimeException e) {
            try {
                lock.get().close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
