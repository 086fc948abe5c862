/*
 * The remote interfaces and objects the Erg benchmarks send to, and the callback that counts
 * answers in the sending vat. Kept apart so that every benchmark measures the same targets.
 */
package dev.erg.bench;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import java.util.function.Consumer;

/** Targets of the benchmarks' eventual sends. */
public final class Receivers {

    private Receivers() {
    }

    /** Receives send-only messages; {@link #flush()} answers how many arrived so far. */
    public interface Sink {
        void accept(long value);

        Promise<Long> flush();
    }

    /** Answers every request with its argument. */
    public interface Echo {
        Promise<Long> echo(long value);
    }

    /** A link of a chain: {@link #next()} answers the next link, here always itself. */
    public interface Link {
        Promise<Link> next();

        Promise<Long> hops();
    }

    /** Counts what it receives. */
    public static final class CountingSink implements Sink {
        private long count;

        @Override
        public void accept(long value) {
            count++;
        }

        @Override
        public Promise<Long> flush() {
            return Promise.of(count);
        }
    }

    /** Echoes. */
    public static final class Echoer implements Echo {
        @Override
        public Promise<Long> echo(long value) {
            return Promise.of(value);
        }
    }

    /** A one-link chain that answers itself, as an object in E style returns {@code this}. */
    public static final class SelfLink implements Link {
        private long hops;

        @Override
        public Promise<Link> next() {
            hops++;
            return Promise.of(this);
        }

        @Override
        public Promise<Long> hops() {
            return Promise.of(hops);
        }
    }

    /**
     * A {@code when} callback, run in the sending vat, that counts {@code expected} answers
     * and then resolves {@code done} with their sum; the first broken answer breaks it.
     */
    public static final class AnswerCounter implements Consumer<Long> {
        private final int expected;
        private final Resolver<Long> done;
        private int seen;
        private long sum;
        private boolean settled;

        public AnswerCounter(int expected, Resolver<Long> done) {
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void accept(Long value) {
            sum += value;
            if (++seen == expected && !settled) {
                settled = true;
                done.resolve(sum);
            }
        }

        /** The {@code onBroken} half of the callback. */
        public void broken(Problem problem) {
            if (!settled) {
                settled = true;
                done.reject(problem);
            }
        }
    }
}
