package dev.erg.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that starts another JVM like this one: the same Java, its flags and class path. */
public final class JavaProcess {

    private JavaProcess() {
    }

    /**
     * The command that runs {@code main} in a new JVM of this Java, with this class path, the
     * flags Netty needs on JDK 25 and then {@code options}; the caller adds the program's arguments.
     */
    public static List<String> command(List<String> options, Class<?> main) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return command;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> Files.isExecutable(Path.of(command)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
