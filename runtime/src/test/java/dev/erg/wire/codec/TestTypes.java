package dev.erg.wire.codec;

import dev.erg.vat.Passable;
import dev.erg.wire.PassableRegistry;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The records and enums the tests register, including those {@code spec/vectors} names. */
final class TestTypes {

    private TestTypes() {
    }

    @Passable("example.Point")
    record Point(int x, int y) {
    }

    @Passable("example.Color")
    enum Color { RED, GREEN, BLUE }

    @Passable("example.Line")
    record Line(Point from, Point to, Color color) {
    }

    @Passable("example.Range")
    record Range(long lo, long hi) {
        Range {
            if (lo > hi) {
                throw new IllegalArgumentException("lo > hi");
            }
        }
    }

    @Passable("example.Tagged")
    record Tagged(String label, List<String> tags, Object extra) {
    }

    @Passable("test.Widths")
    record Widths(byte b, short s, int i, long l, float f, double d, char c, boolean z,
                  BigInteger big, Integer boxed, Character letter) {
    }

    @Passable("test.Groups")
    record Groups(Map<String, List<Point>> groups, List<Integer> counts) {
    }

    /** A capability interface: components of this type hold references. */
    interface Counter {
        long value();
    }

    @Passable("test.Holder")
    record Holder(Counter counter, String note) {
    }

    @Passable("test.Unregistered")
    record Unregistered(int x) {
    }

    /** The registry the vectors in {@code spec/vectors} assume. */
    static PassableRegistry specRegistry() {
        return PassableRegistry.of(Point.class, Color.class, Line.class, Range.class, Tagged.class);
    }

    /** Every test type but {@link Unregistered}. */
    static PassableRegistry allRegistry() {
        return PassableRegistry.of(Point.class, Color.class, Line.class, Range.class, Tagged.class,
                Widths.class, Groups.class, Holder.class);
    }
}
