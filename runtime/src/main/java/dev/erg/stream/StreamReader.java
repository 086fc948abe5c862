package dev.erg.stream;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The end of a stream that reads items, in the vat that made it: items arrive in the order
 * written, and the reader grants its writer credit as it consumes them, within its
 * {@link Window}, so that what it holds unread stays bounded however fast the writer is. Made
 * by {@link #open} with a {@link SendPort} for a writer to come, or by {@link #from} for a
 * writer's {@link ReceivePort}; the writer may be in this vat, another vat of this JVM, or
 * another machine, and behaves the same.
 *
 * <p>Items are consumed one way per reader: by {@link #forEach}, by {@link #next} one at a time,
 * by a {@link Flow.Subscriber} ({@link #subscribe}), or by {@link #pipeTo} into a writer. The
 * reader belongs to the vat it was made in: call its methods in that vat's turns, where
 * its consumer is called too.
 *
 * <p>An item that is not of the stream's type, a batch beyond the credit granted, or numbering
 * out of order fails the stream with a {@value Problem#REFUSED} problem and cancels the writer;
 * the loss of the link to the writer ({@value Problem#UNAVAILABLE}) or, in one JVM, its vat's
 * shutdown fails it after the items received before.
 *
 * {@snippet :
 * StreamReader<String> lines = StreamReader.open(String.class, Window.defaults());
 * source.sendLinesTo(lines.sendPort());            // a SendPort<String> crosses like any capability
 * lines.forEach(line -> count++).when(last -> report(count), problem -> log(problem));
 * }
 *
 * @param <T> the type of the stream's items
 */
public final class StreamReader<T> {

    private enum State { OPEN, ENDING, ENDED }

    private final Vat vat;
    private final Class<T> type;
    private final UnaryOperator<Object> conversion;
    private final ReaderCredit credit;
    private final StreamInlet inlet;
    private final ItemQueue buffer = new ItemQueue();
    private final Deferred<Object> done = Promise.defer();
    private StreamCredit writer;
    private State state = State.OPEN;
    private Object last;
    private Problem problem;
    private ItemSink<T> sink;
    private long demand;
    private boolean draining;

    private StreamReader(Vat vat, Class<T> type, Window window) {
        this.vat = vat;
        this.type = type;
        this.conversion = Vats.conversionTo(type);
        this.credit = new ReaderCredit(Objects.requireNonNull(window, "window"));
        this.inlet = vat.export(new Inlet(), StreamInlet.class);
    }

    /**
     * A reader of items of {@code type} in the current vat, whose writer is to come: whoever is
     * handed {@link #sendPort()} opens it with {@link StreamWriter#to}.
     *
     * @throws IllegalStateException    if called outside a turn of a vat
     * @throws IllegalArgumentException if values of {@code type} cannot cross vats
     */
    public static <T> StreamReader<T> open(Class<T> type, Window window) {
        return new StreamReader<>(StreamWriter.currentVat(), Objects.requireNonNull(type, "type"), window);
    }

    /**
     * Opens {@code port}, a writer's receiving end, to read its items, of {@code type}, in the
     * current vat.
     *
     * @throws IllegalStateException    if called outside a turn of a vat
     * @throws IllegalArgumentException if values of {@code type} cannot cross vats
     */
    public static <T> StreamReader<T> from(ReceivePort<T> port, Class<T> type, Window window) {
        Objects.requireNonNull(port, "port");
        StreamReader<T> reader = open(type, window);
        reader.attach(port.open(reader.inlet).as(StreamCredit.class));
        return reader;
    }

    /** The capability a writer opens this stream by; refused if this reader has a writer. */
    public SendPort<T> sendPort() {
        @SuppressWarnings("unchecked")
        SendPort<T> port = vat.export(new Port(), SendPort.class);
        return port;
    }

    /**
     * Calls {@code each} with every item, in order, in turns of this vat, as they arrive.
     *
     * @return {@link #done()}
     * @throws IllegalStateException if the items are consumed another way already
     */
    public Promise<Object> forEach(Consumer<? super T> each) {
        Objects.requireNonNull(each, "each");
        consumeWith(new ItemSink<T>() {
            @Override
            public void next(T item) {
                each.accept(item);
            }
        }, Long.MAX_VALUE);
        return done();
    }

    /**
     * The next item, or empty once the stream has closed; broken if it has failed. Calls queue:
     * each answers the item after the one before.
     *
     * @throws IllegalStateException if the items are consumed another way already
     */
    public Promise<Optional<T>> next() {
        requireVat();
        if (sink == null) {
            consumeWith(new NextWaiters<>(), 0);
        }
        if (!(sink instanceof NextWaiters<T> mine)) {
            throw new IllegalStateException("the stream's items are consumed another way already");
        }
        Deferred<Optional<T>> next = Promise.defer();
        if (state == State.ENDED) {
            NextWaiters.settle(next, problem);
            return next.promise();
        }
        mine.add(next);
        request(1);
        return next.promise();
    }

    /**
     * Publishes the items to {@code subscriber}: its methods are called in turns of this vat;
     * its subscription may be used from any thread.
     *
     * @throws IllegalStateException if the items are consumed another way already
     */
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        requireVat();
        if (sink != null) {
            throw new IllegalStateException("the stream's items are consumed another way already");
        }
        // Reactive Streams: onSubscribe comes before any other signal, and may request at once.
        subscriber.onSubscribe(new ReaderSubscription(this));
        consumeWith(new ItemSink<T>() {
            @Override
            public void next(T item) {
                subscriber.onNext(item);
            }

            @Override
            public void end(Object last) {
                subscriber.onComplete();
            }

            @Override
            public void failed(Problem problem) {
                subscriber.onError(new ProblemException(problem));
            }
        }, 0);
    }

    /**
     * Writes every item into {@code to}, as fast as its reader takes them, then closes it with
     * this stream's final value, or fails it with this stream's problem; cancels this stream
     * if {@code to} fails.
     *
     * @return {@code to}'s {@link StreamWriter#done()}
     * @throws IllegalStateException if the items are consumed another way already, or {@code to}
     *                               belongs to another vat
     */
    public Promise<Long> pipeTo(StreamWriter<T> to) {
        Objects.requireNonNull(to, "to");
        if (to.vat() != vat) {
            throw new IllegalStateException("a stream is piped into a writer of the reader's vat, " + vat.name());
        }
        to.done().when(count -> { }, this::cancel);
        consumeWith(new ItemSink<T>() {
            @Override
            public void next(T item) {
                Promise<Void> room = to.write(item);
                if (!room.isSettled()) {
                    // The writer is full: take no more until its reader grants it credit.
                    demand = 0;
                    room.when(ok -> request(Long.MAX_VALUE), problem -> { });
                }
            }

            @Override
            public void end(Object last) {
                to.close(last);
            }

            @Override
            public void failed(Problem problem) {
                to.fail(problem);
            }
        }, Long.MAX_VALUE);
        return to.done();
    }

    /**
     * Fulfilled with the stream's final value once every item has been consumed after the
     * writer closed it; broken with the problem it failed with.
     */
    public Promise<Object> done() {
        return done.promise();
    }

    /**
     * Takes no more items: the writer fails with {@code problem}, and so does this reader, at
     * once. Does nothing if the stream has ended.
     */
    public void cancel(Problem problem) {
        requireVat();
        Objects.requireNonNull(problem, "problem");
        if (state != State.ENDED) {
            if (writer != null) {
                writer.cancel(problem);
            }
            buffer.clear();
            state = State.ENDING;
            this.problem = problem;
            finish();
        }
    }

    /** How many items have been consumed. */
    public long consumed() {
        requireVat();
        return credit.consumed();
    }

    /** How many items have arrived and wait to be consumed. */
    public int buffered() {
        requireVat();
        return buffer.size();
    }

    /** The window, in items, the reader grants now (it grows from {@link Window#items()}). */
    public int windowItems() {
        requireVat();
        return credit.windowItems();
    }

    Vat vat() {
        return vat;
    }

    private void attach(StreamCredit to) {
        writer = to;
        Runnable unwatch = Vats.monitor(to, this::lost);
        done.promise().when(last -> unwatch.run(), problem -> unwatch.run());
        grant(true);
    }

    private void consumeWith(ItemSink<T> consumer, long initialDemand) {
        requireVat();
        if (sink != null) {
            throw new IllegalStateException("the stream's items are consumed another way already");
        }
        sink = consumer;
        if (state == State.ENDED) {
            // Ended before anyone consumed: nothing was held, so the end is all there is to tell.
            if (problem == null) {
                consumer.end(last);
            } else {
                consumer.failed(problem);
            }
            return;
        }
        request(initialDemand);
    }

    /** Lets the consumer take {@code n} more items (all, if {@link Long#MAX_VALUE}). */
    void request(long n) {
        demand = n == Long.MAX_VALUE || demand > Long.MAX_VALUE - n ? Long.MAX_VALUE : demand + n;
        drain();
    }

    private void arrived(long first, List<Object> items, boolean writerWaiting) {
        if (state != State.OPEN || items == null || items.isEmpty()) {
            return;
        }
        int n = items.size();
        String refusal = credit.refusalOfCount(first, n);
        if (refusal != null) {
            violated(refusal);
            return;
        }
        long bytes = 0;
        int before = buffer.size();
        for (Object raw : items) {
            Object item;
            try {
                item = raw == null ? null : conversion.apply(raw);
            } catch (IllegalArgumentException e) {
                item = null;
            }
            if (item == null) {
                violated("item " + (first + buffer.size() - before) + " is " + (raw == null ? "null" : "of another type")
                        + ", not a " + type.getSimpleName());
                return;
            }
            long weight = Weights.of(item);
            bytes += weight;
            buffer.add(item, weight);
        }
        refusal = credit.refusalOfWeight(n, bytes);
        if (refusal != null) {
            violated(refusal);
            return;
        }
        credit.arrived(n, bytes, demand > 0, writerWaiting);
        drain();
    }

    private void ended(long count, Object finalValue, Problem failure) {
        if (state != State.OPEN) {
            return;
        }
        if (count != credit.received()) {
            violated("it ended the stream after " + count + " items, having sent " + credit.received());
            return;
        }
        state = State.ENDING;
        last = finalValue;
        problem = failure;
        drain();
    }

    /** The writer's reference broke: the items received are consumed first. */
    private void lost(Problem why) {
        if (state == State.OPEN) {
            state = State.ENDING;
            problem = why;
            drain();
        }
    }

    private void violated(String why) {
        cancel(new Problem(Problem.REFUSED, "the stream's writer broke its protocol: " + why));
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (sink != null && demand > 0 && !buffer.isEmpty() && state != State.ENDED) {
                credit.consumed(buffer.peekWeight());
                @SuppressWarnings("unchecked")
                T item = (T) buffer.poll();
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                try {
                    sink.next(item);
                } catch (RuntimeException e) {
                    cancel(Problem.from(e));
                    return;
                }
            }
            if (buffer.isEmpty() && state == State.ENDING) {
                finish();
            } else if (state == State.OPEN) {
                grant(false);
            }
        } finally {
            draining = false;
        }
    }

    /** Grants the writer credit up to a window past what is consumed, when it is worth a message. */
    private void grant(boolean always) {
        if (writer != null && credit.grant(always)) {
            writer.credit(credit.consumed(), credit.itemLimit(), credit.byteLimit());
        }
    }

    private void finish() {
        state = State.ENDED;
        if (problem == null && writer != null) {
            // Tells the writer every item was consumed, which fulfils its done().
            writer.credit(credit.consumed(), credit.itemLimit(), credit.byteLimit());
        }
        // Across machines each end holds the other's capability: neither export is released while the other is held.
        writer = null;
        if (problem == null) {
            done.resolver().resolve(last);
            if (sink != null) {
                sink.end(last);
            }
        } else {
            done.resolver().reject(problem);
            if (sink != null) {
                sink.failed(problem);
            }
        }
    }

    void requireVat() {
        if (Vats.current() != vat) {
            throw new IllegalStateException("a stream's reader is used in the turns of its vat, " + vat.name());
        }
    }

    /** Cancels the stream for a subscriber that cancelled: it is told nothing more. */
    void cancelSilently(Problem why) {
        sink = item -> { };
        cancel(why);
    }

    /** What the writer sends to. */
    private final class Inlet implements StreamInlet {
        @Override
        public void items(long first, List<Object> items, boolean waiting) {
            arrived(first, items, waiting);
        }

        @Override
        public void close(long count, Object last) {
            ended(count, last, null);
        }

        @Override
        public void fail(long count, Problem problem) {
            ended(count, null, problem == null ? Problem.of(Problem.REFUSED, "the stream's writer failed it") : problem);
        }
    }

    /** The reader's sending end, opened once by a writer. */
    private final class Port implements SendPort<T> {
        @Override
        public Promise<StreamInlet> open(StreamCredit credit) {
            if (credit == null || state != State.OPEN || writer != null) {
                return Promise.broken(Problem.of(Problem.REFUSED,
                        state != State.OPEN ? "the stream has ended" : "the stream has a writer already"));
            }
            attach(credit);
            return Promise.of(inlet);
        }
    }
}
