package dev.erg.server.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.services.Counter;
import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptionsTest {

    @Passable("test.Point")
    record Point(long x, long y) {
    }

    @Passable("test.Colour")
    enum Colour { RED }

    interface Everything {
        Promise<Void> primitives(int i, long l, double d, boolean b, String s, char c, BigInteger big);

        Promise<List<String>> collections(List<Long> list, Map<String, Long> map, byte[] bytes);

        Promise<Point> passables(Point point, Colour colour, Problem problem, Object any);

        Promise<Counter> references(Counter counter);

        void sendOnly(String note);
    }

    @Test
    void eachMethodIsNamedWithItsParametersAndAnswer() {
        List<Map<String, Object>> methods = Descriptions.of(Counter.class);
        assertThat(methods).containsExactly(
                Map.of("name", "describe", "parameters", List.of(), "returns", "list"),
                Map.of("name", "increment", "parameters", List.of(Map.of("name", "by", "type", "integer")),
                        "returns", "integer"),
                Map.of("name", "value", "parameters", List.of(), "returns", "integer"));
    }

    @Test
    void everyKindOfTypeHasAName() {
        Map<String, String> signatures = new java.util.TreeMap<>();
        for (Map<String, Object> m : Descriptions.of(Everything.class)) {
            @SuppressWarnings("unchecked") List<Map<String, Object>> parameters = (List<Map<String, Object>>) m.get("parameters");
            signatures.put((String) m.get("name"), parameters.stream().map(p -> (String) p.get("type")).toList()
                    + " -> " + m.get("returns"));
        }
        assertThat(signatures).containsExactly(
                Map.entry("collections", "[list, map, bytes] -> list"),
                Map.entry("passables", "[record:test.Point, enum:test.Colour, problem, any] -> record:test.Point"),
                Map.entry("primitives", "[integer, integer, number, boolean, string, string, integer] -> any"),
                Map.entry("references", "[ref:Counter] -> ref:Counter"),
                Map.entry("sendOnly", "[string] -> void"));
    }
}
