package dev.erg.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    @Test
    void twoNodesCallMonitorAndReconnect() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("serving captp://[^@]+@127\\.0\\.0\\.1:\\d+/")
                .contains("Hello, Ada! (greeting #1)")
                .contains("the greeter broke: Unavailable")
                .contains("back: Hello, Ada! (greeting #3)");
    }

    @Test
    void theReadmeShowsThisVeryProgram() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/erg/samples/quickstart/Quickstart.java"));
        String readme = Files.readString(Path.of("../README.md"));
        String body = source.substring(source.indexOf("import "));
        assertThat(readme).as("README.md holds Quickstart.java from its imports on").contains(body);
    }
}
