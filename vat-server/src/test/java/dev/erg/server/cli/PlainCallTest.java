package dev.erg.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.host.ServiceRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainCallTest {

    private static final String REF = "captp://a3r73d62fg5wbk2zkv66mhw3blwnwiyrgs7dbz23ivpy4g3zf6uq@127.0.0.1:1/c3dpc3M";

    @TempDir
    Path tmp;

    @Test
    void readsARefAMethodAndItsArgumentsWithTheDefaultTimeout() {
        CallCommand call = parse("call", REF, "greet", "\"Ada\"", "[1,2]").orElseThrow();

        assertThat(call.sturdyRef).isEqualTo(REF);
        assertThat(call.method).isEqualTo("greet");
        assertThat(call.arguments).containsExactly("\"Ada\"", "[1,2]");
        assertThat(call.timeout).isEqualTo(10);
        assertThat(call.noDescribe).isFalse();
        assertThat(parse("call", REF, "value").orElseThrow().arguments).isEmpty();
    }

    @Test
    void leavesOptionsNegativeNumbersAtFilesAndOtherCommandsToPicocli() {
        assertThat(parse("call", "--no-describe", REF, "value")).isEmpty();
        assertThat(parse("call", REF, "value", "--timeout", "3")).isEmpty();
        assertThat(parse("call", REF, "increment", "-4")).isEmpty();
        assertThat(parse("call", REF, "increment", "@args.txt")).isEmpty();
        assertThat(parse("call", REF)).isEmpty();
        assertThat(parse("describe", REF, "value")).isEmpty();
        assertThat(parse()).isEmpty();
    }

    @Test
    void failsAsPicocliDoesWithTheSameOneLine() {
        CliRun plain = CliRun.run(tmp, "call", "captp://nowhere", "value");
        CliRun parsed = CliRun.run(tmp, "call", "--timeout", "10", "captp://nowhere", "value");

        assertThat(plain.status()).isEqualTo(Cli.FAILED).isEqualTo(parsed.status());
        assertThat(plain.err()).startsWith("vat-server: ").isEqualTo(parsed.err());
        assertThat(plain.out()).isEmpty();
    }

    private Optional<CallCommand> parse(String... args) {
        Launch launch = new Launch(new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()),
                Map.of(), tmp, () -> () -> { }, ServiceRegistry.load(), InetSocketAddress.createUnresolved("127.0.0.1", 0));
        return PlainCall.parse(launch, args);
    }
}
