package dev.erg.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.services.Counter;
import dev.erg.server.spi.Descriptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationTest {

    private static final Optional<List<MethodDescription>> COUNTER =
            MethodDescription.fromAnswer(Descriptions.of(Counter.class));

    @Test
    void aDescriptionReadsBackAsSignatures() {
        assertThat(COUNTER).isPresent();
        assertThat(COUNTER.get()).extracting(MethodDescription::signature).containsExactly(
                "describe() -> list", "increment(by: integer) -> integer", "value() -> integer");
    }

    @Test
    void anythingElseIsNoDescription() {
        assertThat(MethodDescription.fromAnswer("hello")).isEmpty();
        assertThat(MethodDescription.fromAnswer(List.of(Map.of("name", "x")))).isEmpty();
        assertThat(MethodDescription.fromAnswer(List.of(Map.of("name", "x", "returns", "void",
                "parameters", List.of("by"))))).isEmpty();
    }

    @Test
    void argumentsAreCheckedAgainstTheDescription() {
        assertThat(Invocation.arguments("increment", List.of("5"), COUNTER)).containsExactly(5L);
        assertThatThrownBy(() -> Invocation.arguments("increment", List.of("\"five\""), COUNTER))
                .hasMessage("argument 1 (by): expected an integer, got \"five\"");
        assertThatThrownBy(() -> Invocation.arguments("increment", List.of(), COUNTER))
                .hasMessage("increment(by: integer) -> integer takes 1 argument, given 0");
        assertThatThrownBy(() -> Invocation.arguments("decrement", List.of("1"), COUNTER))
                .hasMessage("the object has no method \"decrement\"; it answers describe, increment, value");
    }

    @Test
    void withoutADescriptionArgumentsGoAsJsonReadsThem() {
        assertThat(Invocation.arguments("anything", List.of("1.5", "[\"a\"]"), Optional.empty()))
                .containsExactly(1.5, List.of("a"));
        assertThatThrownBy(() -> Invocation.arguments("anything", List.of("1", "oops"), Optional.empty()))
                .hasMessageStartingWith("argument 2: not JSON: ");
    }
}
