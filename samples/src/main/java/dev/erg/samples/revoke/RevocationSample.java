package dev.erg.samples.revoke;

import dev.erg.captp.SturdyRef;
import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.config.SetupException;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Acme shares its data room with an outside auditor, and ends the audit while the auditor is
 * in the middle of reading. Acme's operator mints the auditor a revocable sturdy ref
 * ({@code vat-server sturdy mint room --revocable}); the auditor fetches the room through it,
 * opens a folder and reads. Then the operator revokes the ref live ({@code vat-server sturdy
 * revoke --live}): the room and the folder the auditor obtained through it break with
 * {@code Revoked} at its next call, and the ref designates nothing any more; Acme's own staff,
 * who reach the room by a ref of their own, read on.
 *
 * <p>Run it: {@code samples/run revoke}
 */
public final class RevocationSample {

    private RevocationSample() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-revoke")) {
            run(System.out, workspace.path());
        }
    }

    /** Runs the story with Acme's data directory under {@code dir}, printing each step to {@code out}. */
    public static RevocationReport run(PrintStream out, Path dir) throws IOException, InterruptedException {
        try (ServerProcess acme = ServerProcess.start("acme", dir.resolve("acme"), "room", "data-room");
             VatRuntime runtime = VatRuntime.create();
             Peer acmeOperator = Peer.start(runtime, AdminProtocol.PASSABLES);
             Peer acmeStaff = Peer.start(runtime, List.of());
             Peer auditor = Peer.start(runtime, List.of())) {
            Admin admin = acmeOperator.connect(adminRef(acme), Admin.class);
            DataRoom staffRoom = acmeStaff.connect(acme.sturdyRef(), DataRoom.class);
            out.println("Acme's vat-server hosts its data room; Acme's staff reach it by " + acme.sturdyRef());

            SturdyRef auditRef = SturdyRef.parse(Peer.await(admin.mintRevocable("room")));
            out.println("Acme's operator mints the auditor a revocable sturdy ref: " + auditRef);

            DataRoom room = auditor.connect(auditRef, DataRoom.class);
            Folder accounts = Peer.await(room.folder(DataRoomMaker.FOLDER));
            List<String> readBefore = new ArrayList<>();
            for (String quarter : List.of("Q1", "Q2")) {
                String text = Peer.await(accounts.read(quarter));
                readBefore.add(text);
                out.println("The auditor reads " + quarter + ": " + text);
            }

            boolean revoked = Peer.await(admin.revokeLive(auditRef.toString()));
            out.println("Acme ends the audit: `sturdy revoke --live` " + (revoked ? "revoked" : "found nothing to revoke")
                    + " the auditor's ref.");

            Problem folderAfter = refusal(() -> Peer.await(accounts.read("Q3")));
            out.println("The auditor reads Q3 in the folder it holds: " + folderAfter);
            Problem roomAfter = refusal(() -> Peer.await(room.folders()));
            out.println("The auditor asks the room for its folders: " + roomAfter);
            Problem fetchAgain = refusal(() -> auditor.connect(auditRef, DataRoom.class));
            out.println("The auditor fetches its sturdy ref again: " + fetchAgain);

            Folder staffAccounts = Peer.await(staffRoom.folder(DataRoomMaker.FOLDER));
            String staffRead = Peer.await(staffAccounts.read("Q3"));
            out.println("Acme's staff read on through their own ref: " + staffRead);

            out.println("Acme's server stops on SIGTERM: exit status " + acme.stop() + ".");
            return new RevocationReport(List.copyOf(readBefore), folderAfter, roomAfter, fetchAgain, staffRead);
        }
    }

    private static SturdyRef adminRef(ServerProcess server) throws IOException {
        try {
            return SturdyRef.parse(Files.readString(DataDir.open(server.dataDir()).adminRefFile()).strip());
        } catch (SetupException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** How {@code call} broke, or null if it did not. */
    private static Problem refusal(Supplier<?> call) {
        try {
            call.get();
            return null;
        } catch (ProblemException e) {
            return e.problem();
        }
    }
}
