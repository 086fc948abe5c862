package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arguments and answers become the types a remote method declares, whatever width they
 * arrive in (as they do from a wire, where every integer is a {@code long}); a value that
 * does not fit, a wrong count of arguments, an unknown method, or an interface that cannot
 * cross vats is refused with a problem naming the method and the type.
 */
class DeclaredTypesTest {

    private final Sim sim = new Sim(7);
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    /** Every scalar width, boxed and not, and collections of them. */
    public interface Widths {
        Promise<Integer> twice(int x);

        Promise<Short> shortOf(short x);

        Promise<Byte> byteOf(byte x);

        Promise<Character> charOf(char c);

        Promise<Float> floatOf(float f);

        Promise<BigInteger> big(BigInteger n);

        Promise<Long> longOf(long n);

        Promise<List<Integer>> ints(List<Integer> xs);

        Promise<Map<String, Short>> shorts(Map<String, Short> m);

        Promise<Integer> later(Promise<Integer> x);

        Promise<Integer> answersLong();

        Promise<Optional<Short>> firstOf(List<Optional<Short>> shorts);

        Promise<BigDecimal> exact(BigDecimal d);
    }

    static final class Echoes implements Widths {
        @Override
        public Promise<Integer> twice(int x) {
            return Promise.of(2 * x);
        }

        @Override
        public Promise<Short> shortOf(short x) {
            return Promise.of(x);
        }

        @Override
        public Promise<Byte> byteOf(byte x) {
            return Promise.of(x);
        }

        @Override
        public Promise<Character> charOf(char c) {
            return Promise.of(c);
        }

        @Override
        public Promise<Float> floatOf(float f) {
            return Promise.of(f);
        }

        @Override
        public Promise<BigInteger> big(BigInteger n) {
            return Promise.of(n);
        }

        @Override
        public Promise<Long> longOf(long n) {
            return Promise.of(n);
        }

        @Override
        public Promise<List<Integer>> ints(List<Integer> xs) {
            int sum = 0;
            for (int x : xs) {
                sum += x;
            }
            return Promise.of(List.of(sum));
        }

        @Override
        public Promise<Map<String, Short>> shorts(Map<String, Short> m) {
            return Promise.of(m);
        }

        @Override
        public Promise<Integer> later(Promise<Integer> x) {
            return x.then(n -> n + 1);
        }

        @Override
        public Promise<Optional<Short>> firstOf(List<Optional<Short>> shorts) {
            return Promise.of(shorts.getFirst());
        }

        @Override
        public Promise<BigDecimal> exact(BigDecimal d) {
            return Promise.of(d);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        @Override
        public Promise<Integer> answersLong() {
            // What a peer speaking another version of the interface could answer.
            return (Promise) Promise.of(1L << 40);
        }
    }

    private Object settle(Promise<Object> answer) {
        sim.scheduler.runUntilIdle();
        return answer.join(java.time.Duration.ZERO);
    }

    private Problem problemOf(Promise<?> answer) {
        sim.scheduler.runUntilIdle();
        assertThat(answer.isSettled()).as("settled").isTrue();
        return answer.problemOrNull();
    }

    @Test
    void argumentsInTheirWireWidthsBecomeTheDeclaredTypes() {
        Widths w = bob.export(new Echoes(), Widths.class);
        assertThat(settle(Ref.send(w, "twice", 21L))).isEqualTo(42);
        assertThat(settle(Ref.send(w, "shortOf", -7L))).isEqualTo((short) -7);
        assertThat(settle(Ref.send(w, "byteOf", 127L))).isEqualTo((byte) 127);
        assertThat(settle(Ref.send(w, "charOf", "é"))).isEqualTo('é');
        assertThat(settle(Ref.send(w, "floatOf", 0.5d))).isEqualTo(0.5f);
        assertThat(settle(Ref.send(w, "big", 5L))).isEqualTo(BigInteger.valueOf(5));
        assertThat(settle(Ref.send(w, "longOf", BigInteger.valueOf(9)))).isEqualTo(9L);
        assertThat(settle(Ref.send(w, "ints", List.of(1L, 2L, 3L)))).isEqualTo(List.of(6));
        assertThat(settle(Ref.send(w, "shorts", Map.of("a", 1L)))).isEqualTo(Map.of("a", (short) 1));
        assertThat(settle(Ref.send(w, "firstOf", List.of(7L)))).isEqualTo(Optional.of((short) 7));
        assertThat(settle(Ref.send(w, "firstOf", List.of(Optional.of(8L))))).isEqualTo(Optional.of((short) 8));
        assertThat(settle(Ref.send(w, "firstOf", List.of(Optional.empty())))).isEqualTo(Optional.empty());
        assertThat(settle(Ref.send(w, "exact", new BigDecimal("1.50")))).isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void aValueThatDoesNotFitBreaksTheCallNamingMethodArgumentAndType() {
        Widths w = bob.export(new Echoes(), Widths.class);
        assertThat(problemOf(Ref.send(w, "twice", 3_000_000_000L))).isEqualTo(new Problem(Problem.NOT_CALLABLE,
                "Widths.twice argument 1: integer 3000000000 is out of range for int"));
        assertThat(problemOf(Ref.send(w, "longOf", BigInteger.ONE.shiftLeft(64))).message())
                .isEqualTo("Widths.longOf argument 1: integer 18446744073709551616 is out of range for long");
        assertThat(problemOf(Ref.send(w, "floatOf", 0.1d)).message())
                .isEqualTo("Widths.floatOf argument 1: number 0.1 is out of range for float");
        assertThat(problemOf(Ref.send(w, "charOf", "ab")).message())
                .isEqualTo("Widths.charOf argument 1: text \"ab\" is not a char");
        assertThat(problemOf(Ref.send(w, "twice", (Object) null)).message())
                .isEqualTo("Widths.twice argument 1: null is not an int");
        assertThat(problemOf(Ref.send(w, "ints", List.of(1L, "two"))).message())
                .isEqualTo("Widths.ints argument 1: item 1: text \"two\" is not an Integer");
    }

    @Test
    void aWrongCountOfArgumentsOrAnUnknownMethodBreaksTheCallWithoutRunningIt() {
        Widths w = bob.export(new Echoes(), Widths.class);
        assertThat(problemOf(Ref.send(w, "twice", 1L, 2L)))
                .isEqualTo(new Problem(Problem.NOT_CALLABLE, "Widths.twice takes 1 argument, given 2"));
        assertThat(problemOf(Ref.send(w, "twice")).message()).isEqualTo("Widths.twice takes 1 argument, given 0");
        assertThat(problemOf(Ref.send(w, "nosuch")))
                .isEqualTo(new Problem(Problem.NOT_CALLABLE, "Widths has no method nosuch"));
    }

    @Test
    void anAnswerBecomesTheDeclaredTypeOrBreaksTheCallersPromise() {
        Widths w = bob.export(new Echoes(), Widths.class);
        Vat alice = sim.vat("alice");
        Promise<Integer> fits = alice.callPromise(() -> w.twice(4));
        Promise<Integer> tooWide = alice.callPromise(w::answersLong);
        sim.scheduler.runUntilIdle();
        assertThat(fits.join(java.time.Duration.ZERO)).isEqualTo(8);
        assertThat(tooWide.problemOrNull()).isEqualTo(new Problem(Problem.NOT_PASSABLE,
                "the answer of Widths.answersLong: integer 1099511627776 is out of range for Integer"));
    }

    @Test
    void aPromisedArgumentIsConvertedWhenItSettles() {
        Widths w = bob.export(new Echoes(), Widths.class);
        Deferred<Object> wide = Promise.defer();
        Promise<Object> answer = Ref.send(w, "later", wide.promise());
        wide.resolver().resolve(41L);
        assertThat(settle(answer)).isEqualTo(42);
    }

    /** Methods whose types can never cross vats. */
    public interface TakesADate {
        Promise<Long> since(Date when);
    }

    public interface TakesNestedOptionals {
        void take(Optional<Optional<String>> o);
    }

    public interface AnswersAnArray {
        Promise<int[]> numbers();
    }

    record Unmarked(long x) {
    }

    public interface TakesAnUnmarkedRecord {
        void take(Unmarked u);
    }

    public interface TakesASupplier {
        void take(Supplier<String> s);
    }

    @Test
    void exportRefusesAnInterfaceWhoseTypesCannotCrossNamingMethodAndType() {
        assertThatThrownBy(() -> bob.export(when -> Promise.of(0L), TakesADate.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TakesADate.since")
                .hasMessageContaining("Date cannot cross vats");
        assertThatThrownBy(() -> bob.export(() -> Promise.of(new int[0]), AnswersAnArray.class))
                .hasMessageContaining("AnswersAnArray.numbers: int[] cannot cross vats: arrays other than byte[]");
        assertThatThrownBy(() -> bob.export(u -> { }, TakesAnUnmarkedRecord.class))
                .hasMessageContaining("Unmarked cannot cross vats: it is not marked @Passable");
        assertThatThrownBy(() -> bob.export(s -> { }, TakesASupplier.class))
                .hasMessageContaining("TakesASupplier.take: Supplier<String> cannot cross vats");
        assertThatThrownBy(() -> bob.export(o -> { }, TakesNestedOptionals.class))
                .hasMessageContaining("Optional<Optional<String>> cannot cross vats");
        assertThatThrownBy(() -> Ref.requireRemoteInterface(TakesADate.class))
                .hasMessageContaining("TakesADate.since");
    }

    @Passable("test.Circle")
    public record Circle(long r) implements Shape {
    }

    @Passable("test.Square")
    public record Square(long side) implements Shape {
    }

    /** A sealed interface of passable records is data too. */
    public sealed interface Shape permits Circle, Square {
    }

    public interface Shapes {
        Promise<Shape> biggest(List<Shape> shapes);
    }

    @Test
    void aSealedInterfaceOfPassableRecordsCrosses() {
        Shapes shapes = bob.export(all -> Promise.of(all.getLast()), Shapes.class);
        Vat alice = sim.vat("alice");
        Promise<Shape> biggest = alice.callPromise(() -> shapes.biggest(List.of(new Circle(1), new Square(2))));
        sim.scheduler.runUntilIdle();
        assertThat(biggest.join(java.time.Duration.ZERO)).isEqualTo(new Square(2));
    }
}
