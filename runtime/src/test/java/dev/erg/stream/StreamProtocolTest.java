package dev.erg.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stream protocol's methods are those the specification names, with its arguments. */
class StreamProtocolTest {

    private static final Path SPEC = Path.of("..", "spec").toAbsolutePath().normalize();

    /** Each capability's name in the CDDL's argument rules. */
    private static final Map<Class<?>, String> CAPABILITIES = Map.of(
            SendPort.class, "send-port",
            ReceivePort.class, "receive-port",
            StreamInlet.class, "inlet",
            StreamCredit.class, "credit");

    @Test
    void everyStreamMethodIsSpecifiedWithItsArguments() throws IOException {
        String readme = Files.readString(SPEC.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## 14. Streams"));
        String cddl = Files.readString(SPEC.resolve("captp.cddl"));
        for (var capability : CAPABILITIES.entrySet()) {
            for (Method m : capability.getKey().getDeclaredMethods()) {
                String rule = capability.getValue() + "-" + m.getName() + "-args";
                Matcher args = Pattern.compile("(?m)^" + Pattern.quote(rule) + " *= \\[(.*)]").matcher(cddl);
                assertThat(args.find()).as("%s in captp.cddl", rule).isTrue();
                List<String> fields = List.of(args.group(1).split(","));
                assertThat(fields).as(rule).hasSize(m.getParameterCount());
                assertThat(section).as("README.md section 14").contains("`" + m.getName() + "(");
            }
        }
    }
}
