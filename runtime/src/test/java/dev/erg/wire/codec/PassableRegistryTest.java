package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Passable;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.WireLimits;
import dev.erg.wire.codec.TestTypes.Color;
import dev.erg.wire.codec.TestTypes.Point;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassableRegistryTest {

    record Plain(int x) {
    }

    @Passable("bad name!")
    record BadName(int x) {
    }

    @Passable("example.Point")
    record SameName(int x) {
    }

    @Passable("test.Decimal")
    record Decimal(BigDecimal amount) {
    }

    @Passable("test.Bag")
    record Bag(Set<String> items) {
    }

    @Passable("test.Maybe")
    record Maybe(Optional<String> value) {
    }

    @Passable("test.Ints")
    record Ints(int[] values) {
    }

    @Passable("test.Nested")
    record Nested(Map<String, List<Point>> points) {
    }

    @Passable("test.Box")
    record Box<T extends Number>(T value, List<? extends CharSequence> names, List<? super Integer> sink) {
    }

    @Passable("test.Class")
    static final class NotARecord {
    }

    @Test
    void registersRecordsAndEnumsByWireName() {
        PassableRegistry registry = PassableRegistry.of(Point.class, Color.class);
        assertThat(Registries.recordNamed(registry, "example.Point").arity()).isEqualTo(2);
        assertThat(Registries.enumNamed(registry, "example.Color").constant("RED")).isEqualTo(Color.RED);
        assertThat(Registries.recordType(registry, Point.class)).isSameAs(Registries.recordNamed(registry, "example.Point"));
        assertThat(registry).hasToString("PassableRegistry[example.Color, example.Point]");
        assertThat(Registries.recordNamed(PassableRegistry.empty(), "example.Point")).isNull();
    }

    @Test
    void rejectsTypesThatAreNotPassableRecordsOrEnums() {
        assertThatThrownBy(() -> PassableRegistry.of(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String is neither a record nor an enum");
        assertThatThrownBy(() -> PassableRegistry.of(NotARecord.class))
                .hasMessage(NotARecord.class.getName() + " is neither a record nor an enum");
        assertThatThrownBy(() -> PassableRegistry.of(Plain.class))
                .hasMessage(Plain.class.getName() + " is not annotated @Passable");
    }

    @Test
    void rejectsBadAndDuplicateNames() {
        assertThatThrownBy(() -> PassableRegistry.of(BadName.class))
                .hasMessage("wire name \"bad name!\" of " + BadName.class.getName()
                        + " (expected: 1 to 128 letters, digits, '.', '-' or '_')");
        assertThatThrownBy(() -> PassableRegistry.of(Point.class, SameName.class))
                .hasMessage("wire name \"example.Point\" is used by both " + Point.class.getName()
                        + " and " + SameName.class.getName());
        assertThatThrownBy(() -> PassableRegistry.builder().add(Point.class).add(Point.class))
                .hasMessage(Point.class.getName() + " is already registered");
    }

    @Test
    void decimalAndOptionalComponentsRoundTrip() {
        WireCodec codec = new WireCodec(PassableRegistry.of(Decimal.class, Maybe.class), WireLimits.defaults());
        for (Object value : List.of(new Decimal(new BigDecimal("-0.050")), new Maybe(Optional.of("x")),
                new Maybe(Optional.empty()))) {
            assertThat(codec.decodeValue(codec.encodeValue(value, References.PASS), References.KEEP)).isEqualTo(value);
        }
    }

    @Test
    void rejectsComponentsThatCannotCross() {
        assertThatThrownBy(() -> PassableRegistry.of(Bag.class))
                .hasMessage("component " + Bag.class.getName()
                        + ".items has type java.util.Set, which cannot cross a vat");
        assertThatThrownBy(() -> PassableRegistry.of(Ints.class))
                .hasMessage("component " + Ints.class.getName() + ".values has type int[], which cannot cross a vat");
    }

    @Test
    void componentTypesThatArePassableMustBeRegisteredToo() {
        assertThatThrownBy(() -> PassableRegistry.of(Nested.class))
                .hasMessage("component " + Nested.class.getName() + ".points has type " + Point.class.getName()
                        + ", which is @Passable but not registered");
        assertThat(Registries.recordNamed(PassableRegistry.of(Nested.class, Point.class), "test.Nested")).isNotNull();
    }

    @Test
    void typeVariablesAndWildcardsCompileToTheirBounds() {
        PassableRegistry registry = PassableRegistry.of(Box.class);
        RecordType box = Registries.recordNamed(registry, "test.Box");
        assertThat(box.expect(0)).isEqualTo(new Expect.Instance(Number.class, true, "java.lang.Number"));
        assertThat(box.expect(1).item()).isEqualTo(new Expect.Instance(CharSequence.class, true, "java.lang.CharSequence"));
        assertThat(box.expect(2).item()).isSameAs(Expect.ANY);
    }

    @Test
    void acceptsACallersLookup() {
        PassableRegistry registry = PassableRegistry.builder().add(Point.class, MethodHandles.lookup()).build();
        WireCodec codec = new WireCodec(registry, WireLimits.defaults());
        byte[] bytes = codec.encodeValue(new Point(1, 2), ReferenceEncoder.none());
        assertThat(codec.decodeValue(bytes, ReferenceDecoder.none())).isEqualTo(new Point(1, 2));
    }
}
