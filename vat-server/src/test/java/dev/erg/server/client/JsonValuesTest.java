package dev.erg.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.admin.SturdyListing;
import dev.erg.vat.Problem;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void untypedArgumentsTakeTheirNaturalValues() {
        assertThat(JsonValues.parse("5", "any")).isEqualTo(5L);
        assertThat(JsonValues.parse("-12345678901234567890123", "any")).isEqualTo(new BigInteger("-12345678901234567890123"));
        assertThat(JsonValues.parse("2.5", "any")).isEqualTo(2.5);
        assertThat(JsonValues.parse("\"hi\"", "any")).isEqualTo("hi");
        assertThat(JsonValues.parse("true", "any")).isEqualTo(true);
        assertThat(JsonValues.parse("null", "any")).isNull();
        assertThat(JsonValues.parse("[1, \"a\", [false]]", "any")).isEqualTo(List.of(1L, "a", List.of(false)));
        assertThat(JsonValues.parse("{\"k\": {\"n\": 1}}", "any")).isEqualTo(Map.of("k", Map.of("n", 1L)));
    }

    @Test
    void typedArgumentsMustFit() {
        assertThat(JsonValues.parse("7", "number")).isEqualTo(7.0);
        assertThat(JsonValues.parse("\"AQID\"", "bytes")).isEqualTo(new byte[] {1, 2, 3});
        assertThat(JsonValues.parse("\"_-8\"", "bytes")).isEqualTo(new byte[] {(byte) 0xff, (byte) 0xef});
        assertThatThrownBy(() -> JsonValues.parse("1.5", "integer")).hasMessage("expected an integer, got 1.5");
        assertThatThrownBy(() -> JsonValues.parse("5", "string")).hasMessage("expected a string, got 5");
        assertThatThrownBy(() -> JsonValues.parse("\"yes\"", "boolean")).hasMessage("expected true or false, got \"yes\"");
        assertThatThrownBy(() -> JsonValues.parse("{}", "list")).hasMessage("expected a list, got {}");
        assertThatThrownBy(() -> JsonValues.parse("[]", "map")).hasMessage("expected a map (a JSON object), got []");
        assertThatThrownBy(() -> JsonValues.parse("\"%%%\"", "bytes")).hasMessageStartingWith("expected base64 text: ");
        assertThatThrownBy(() -> JsonValues.parse("{}", "ref:Counter"))
                .hasMessage("takes a ref:Counter, which cannot be written in JSON");
    }

    @Test
    void badJsonSaysHowToWriteIt() {
        assertThatThrownBy(() -> JsonValues.parse("world", "any"))
                .hasMessageStartingWith("not JSON: ")
                .hasMessageEndingWith("(write a string as '\"text\"', a number as 5, a list as '[1,2]')");
        assertThatThrownBy(() -> JsonValues.parse("1 2", "any")).hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> JsonValues.parse("", "any")).hasMessageStartingWith("empty");
    }

    @Test
    void nullsInsideCollectionsAreRefusedBeforeTheyTravel() {
        assertThatThrownBy(() -> JsonValues.parse("[1, null]", "any"))
                .hasMessage("null inside a list cannot cross vats; leave the entry out");
        assertThatThrownBy(() -> JsonValues.parse("{\"a\": null}", "map"))
                .hasMessage("null inside a map cannot cross vats; leave the entry out");
    }

    @Test
    void answersBecomeJson() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("n", 1L);
        map.put(2L, List.of(true, "x"));
        assertThat(JsonValues.toJson(map)).isEqualTo("{\"n\":1,\"2\":[true,\"x\"]}");
        assertThat(JsonValues.toJson(null)).isEqualTo("null");
        assertThat(JsonValues.toJson(new byte[] {1, 2, 3})).isEqualTo("\"AQID\"");
        assertThat(JsonValues.toJson(new Problem("Nope", "not today"))).contains("\"kind\":\"Nope\"", "\"message\":\"not today\"");
        assertThat(JsonValues.toJson(new SturdyListing("counter", "captp://x", true)))
                .isEqualTo("{\"service\":\"counter\",\"sturdyRef\":\"captp://x\",\"revocable\":true}");
        assertThat(JsonValues.toJson(new BigInteger("123456789012345678901234"))).isEqualTo("123456789012345678901234");
    }
}
