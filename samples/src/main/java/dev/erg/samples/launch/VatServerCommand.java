package dev.erg.samples.launch;

import dev.erg.server.VatServerMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code vat-server} command that is not a server, such as {@code vat-server trace why},
 * run as an operator would: in a process of its own, with this JVM's {@code java} and class
 * path, in a given working directory.
 */
public final class VatServerCommand {

    private static final long SECONDS = 120;

    private VatServerCommand() {
    }

    /**
     * Runs {@code vat-server ARGS} in {@code directory} and returns the lines it printed.
     *
     * @throws IOException if it cannot be started, does not end within two minutes, or fails
     *                     (with what it said on stderr)
     */
    public static List<String> run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.javaExecutable(), "-XX:+UseSerialGC",
                "-cp", ServerProcess.classPath(), VatServerMain.class.getName()));
        command.addAll(List.of(args));
        // To files, so that a command that hangs cannot hang the caller in a read.
        Path out = directory.resolve("vat-server-command.out");
        Path err = directory.resolve("vat-server-command.err");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(err.toFile())).start();
        if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("vat-server " + String.join(" ", args) + " did not end within " + SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("vat-server " + String.join(" ", args) + " failed (exit status "
                    + process.exitValue() + "): " + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
