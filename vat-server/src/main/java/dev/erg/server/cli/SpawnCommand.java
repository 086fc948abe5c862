package dev.erg.server.cli;

import dev.erg.captp.SturdyRef;
import dev.erg.confine.Bundle;
import dev.erg.confine.VatMaker;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.client.Invocation;
import dev.erg.server.config.SetupException;
import dev.erg.server.spawn.SpawnLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vat-server spawn REF JAR|--maker NAME [--worker] [--limit NAME=N]... [ARG...]}: a new vat
 * on the server of a vat maker.
 */
@Command(name = "spawn",
        description = {
                "Starts a vat on the server whose vat maker the sturdy ref designates, and prints the sturdy ref of"
                        + " the vat's root object.",
                "From a maker the server registered by name (--maker), or from a bundle jar, which is uploaded first"
                        + " and must name its root interface (--root); a rejected bundle's violations are printed to"
                        + " stderr, with exit status 1.",
                "Run `bin/vat-server call REF makers` to list the server's makers and root interfaces."})
final class SpawnCommand implements Callable<Integer> {

    private final Launch launch;

    @Parameters(index = "0", paramLabel = "STURDY-REF", description = "The captp:// URI of the vat maker.")
    String sturdyRef;

    @Parameters(index = "1..*", paramLabel = "JAR|ARG",
            description = "Without --maker, the bundle's jar and then the arguments; each argument as a JSON value.")
    List<String> rest = new ArrayList<>();

    @Option(names = "--maker", paramLabel = "NAME", description = "Spawn from the server's root maker called NAME.")
    String maker;

    @Option(names = "--root", paramLabel = "INTERFACE",
            description = "For a bundle: the binary name of the registered root interface to reach its root through.")
    String root;

    @Option(names = "--worker", description = "Run the vat in a worker process of its own.")
    boolean worker;

    @Option(names = "--limit", paramLabel = "NAME=N",
            description = "A lower limit for the vat than the server's, at most the server's maximum; repeatable. NAME is"
                    + " computrons.turn, computrons.vat, messages.turn, messages.pending, storage.bytes,"
                    + " worker.heap.mb or worker.cpu.seconds.")
    Map<String, Long> limits = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait to connect and for each answer (default: ${DEFAULT-VALUE}; a worker's"
                    + " start may take seconds).")
    int timeout;

    SpawnCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws SetupException {
        SturdyRef ref = SturdyRefs.parse(sturdyRef);
        byte[] jar = null;
        List<String> json = rest;
        if (maker == null) {
            if (rest.isEmpty()) {
                throw new CommandFailure("give a bundle's jar, or --maker NAME");
            }
            if (root == null) {
                throw new CommandFailure("a bundle needs --root INTERFACE, the root interface to reach it through");
            }
            jar = read(Path.of(rest.getFirst()));
            json = rest.subList(1, rest.size());
        } else if (root != null) {
            throw new CommandFailure("--root is for bundles; a maker names its own root interface");
        }
        for (String name : limits.keySet()) {
            if (!SpawnLimits.NAMES.contains(name)) {
                throw new CommandFailure("--limit: no limit is called \"" + name + "\" (known: "
                        + String.join(", ", SpawnLimits.NAMES) + ")");
            }
        }
        List<Object> args = Invocation.arguments("spawn", json, Optional.empty());
        try (CapTpClient client = CallCommand.client(launch, timeout)) {
            VatMaker vatMaker = client.connect(ref, VatMaker.class);
            Object spawned;
            if (jar == null) {
                spawned = client.await(vatMaker.spawnMakerWithin(maker, args, worker, limits));
            } else {
                String hash = client.await(vatMaker.upload(jar));
                spawned = client.await(vatMaker.spawnBundleWithin(hash, root, args, worker, limits));
            }
            launch.out().println(client.await(vatMaker.sturdyRef(spawned)));
        }
        return 0;
    }

    private static byte[] read(Path jar) {
        try {
            if (Files.size(jar) > Bundle.MAX_BYTES) {
                throw new CommandFailure(jar + " has more than " + Bundle.MAX_BYTES + " bytes, more than a bundle may");
            }
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + jar + ": " + e.getMessage());
        }
    }
}
