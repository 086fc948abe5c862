package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values of every declared width round trip between two nodes as they do in one JVM, and a
 * call the far side cannot take, or an answer it cannot send, breaks the caller's promise
 * with a problem that says why, within the call's normal time.
 */
class DeclaredTypesOverTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Passable("test.Point")
    public record Point(int x, float y) {
    }

    /** What Bob serves. */
    public interface Calc {
        Promise<Integer> twice(int x);

        Promise<Float> half(float f);

        Promise<Character> next(char c);

        Promise<Short> negate(short s);

        Promise<Byte> inc(Byte b);

        Promise<BigInteger> square(BigInteger n);

        Promise<List<Integer>> lengths(List<String> words);

        Promise<Point> flip(Point p);

        Promise<Object> unregistered();

        Promise<BigDecimal> tenth(BigDecimal d);

        Promise<Optional<Integer>> length(Optional<String> word);

        Promise<Measured> measure(Optional<Integer> size);
    }

    @Passable("test.Measured")
    public record Measured(Optional<Integer> size, BigDecimal share) {
    }

    /** Alice's idea of the same object, from another version of the interface. */
    public interface WiderCalc {
        Promise<Long> twice(long x);

        Promise<Long> nosuch();

        Promise<Long> negate(BigInteger s);
    }

    /** Alice's idea of twice, with an argument too many. */
    public interface ChattyCalc {
        Promise<Long> twice(long x, long y);
    }

    static final class Arithmetic implements Calc {
        @Override
        public Promise<Integer> twice(int x) {
            return Promise.of(2 * x);
        }

        @Override
        public Promise<Float> half(float f) {
            return Promise.of(f / 2);
        }

        @Override
        public Promise<Character> next(char c) {
            return Promise.of((char) (c + 1));
        }

        @Override
        public Promise<Short> negate(short s) {
            return Promise.of((short) -s);
        }

        @Override
        public Promise<Byte> inc(Byte b) {
            return Promise.of((byte) (b + 1));
        }

        @Override
        public Promise<BigInteger> square(BigInteger n) {
            return Promise.of(n.multiply(n));
        }

        @Override
        public Promise<List<Integer>> lengths(List<String> words) {
            return Promise.of(words.stream().map(String::length).toList());
        }

        @Override
        public Promise<Point> flip(Point p) {
            return Promise.of(new Point((int) p.y(), p.x()));
        }

        @Override
        public Promise<BigDecimal> tenth(BigDecimal d) {
            return Promise.of(d.movePointLeft(1));
        }

        @Override
        public Promise<Optional<Integer>> length(Optional<String> word) {
            return Promise.of(word.map(String::length));
        }

        @Override
        public Promise<Measured> measure(Optional<Integer> size) {
            return Promise.of(new Measured(size, new BigDecimal("0.25")));
        }

        @Override
        public Promise<Object> unregistered() {
            return Promise.of(new Unregistered(1));
        }
    }

    @Passable("test.Unregistered")
    public record Unregistered(long n) {
    }

    private final VatRuntime runtime = VatRuntime.create();
    private Node alice;
    private Node bob;
    private SturdyRef ref;

    @BeforeEach
    void start() throws Exception {
        PassableRegistry points = PassableRegistry.of(Point.class, Measured.class);
        alice = Node.start(Peers.identity(41), runtime, NetConfig.defaults(), points);
        bob = Node.start(Peers.identity(42), runtime, NetConfig.defaults(), points);
        bob.listen(Peers.LOOPBACK_ANY_PORT);
        Vat bobsVat = runtime.newVat("bob");
        ref = bob.sturdyRef(bobsVat.export(new Arithmetic(), Calc.class), null);
    }

    @AfterEach
    void close() {
        alice.close();
        bob.close();
        runtime.close();
    }

    @Test
    void everyWidthRoundTripsBothWays() {
        Calc calc = alice.connect(ref, Calc.class).join(WAIT);
        Integer twice = calc.twice(21).join(WAIT);
        assertThat(twice).isEqualTo(42);
        Float half = calc.half(3f).join(WAIT);
        assertThat(half).isEqualTo(1.5f);
        Character next = calc.next('a').join(WAIT);
        assertThat(next).isEqualTo('b');
        Short negated = calc.negate((short) 300).join(WAIT);
        assertThat(negated).isEqualTo((short) -300);
        Byte inc = calc.inc((byte) 9).join(WAIT);
        assertThat(inc).isEqualTo((byte) 10);
        BigInteger huge = BigInteger.TWO.pow(70);
        assertThat(calc.square(huge).join(WAIT)).isEqualTo(huge.multiply(huge));
        assertThat(calc.square(BigInteger.valueOf(3)).join(WAIT)).isEqualTo(BigInteger.valueOf(9));
        List<Integer> lengths = calc.lengths(List.of("a", "bcd")).join(WAIT);
        assertThat(lengths).containsExactly(1, 3);
        assertThat(lengths.getFirst()).isInstanceOf(Integer.class);
        assertThat(calc.flip(new Point(1, 2.5f)).join(WAIT)).isEqualTo(new Point(2, 1f));
        assertThat(calc.tenth(new BigDecimal("12.30")).join(WAIT)).isEqualTo(new BigDecimal("1.230"));
        assertThat(calc.length(Optional.of("four")).join(WAIT)).contains(4);
        assertThat(calc.length(Optional.empty()).join(WAIT)).isEmpty();
        assertThat(calc.measure(Optional.of(3)).join(WAIT)).isEqualTo(new Measured(Optional.of(3), new BigDecimal("0.25")));
        assertThat(calc.measure(Optional.empty()).join(WAIT).size()).isEmpty();
    }

    @Test
    void aCallTheFarSideCannotTakeBreaksWithWhy() {
        WiderCalc wider = alice.connect(ref, WiderCalc.class).join(WAIT);
        assertThat(problemOf(wider.twice(3_000_000_000L))).isEqualTo(new Problem(Problem.NOT_CALLABLE,
                "Calc.twice argument 1: integer 3000000000 is out of range for int"));
        assertThat(problemOf(wider.negate(BigInteger.TWO.pow(64)))).isEqualTo(new Problem(Problem.NOT_CALLABLE,
                "Calc.negate argument 1: integer 18446744073709551616 is out of range for short"));
        assertThat(problemOf(wider.nosuch())).isEqualTo(new Problem(Problem.NOT_CALLABLE, "Calc has no method nosuch"));
        ChattyCalc chatty = alice.connect(ref, ChattyCalc.class).join(WAIT);
        assertThat(problemOf(chatty.twice(1, 2)))
                .isEqualTo(new Problem(Problem.NOT_CALLABLE, "Calc.twice takes 1 argument, given 2"));
        assertThat(wider.twice(4).join(WAIT)).as("the session goes on").isEqualTo(8L);
    }

    @Test
    void anAnswerTheFarSideCannotSendBreaksTheCallersPromise() {
        Calc calc = alice.connect(ref, Calc.class).join(WAIT);
        Problem problem = problemOf(calc.unregistered());
        assertThat(problem.kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(problem.message()).contains("the answer cannot be sent",
                Unregistered.class.getName(), "@Passable but not registered");
        assertThat(calc.twice(1).join(WAIT)).as("the session goes on").isEqualTo(2);
    }

    /** Uses a type that cannot cross. */
    public interface Calendar {
        Promise<Long> daysUntil(Date date);
    }

    @Test
    void connectRefusesAnInterfaceWhoseTypesCannotCross() {
        assertThatThrownBy(() -> alice.connect(ref, Calendar.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Calendar.daysUntil: Date cannot cross vats");
    }

    private static Problem problemOf(Promise<?> answer) {
        try {
            answer.join(WAIT);
        } catch (dev.erg.vat.ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("fulfilled: " + answer);
    }
}
