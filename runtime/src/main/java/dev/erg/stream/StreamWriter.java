package dev.erg.stream;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.spi.Vats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The end of a stream that writes items, in the vat that made it: items are sent in order, in
 * batches, as fast as the reader's credit allows ({@link Window}), and {@link #write} answers
 * when the writer may go on. Made by {@link #to} for a reader's {@link SendPort}, or by
 * {@link #open} with a {@link ReceivePort} for a reader to come; either way the reader may be in
 * this vat, another vat of this JVM, or another machine, and behaves the same.
 *
 * <p>The writer belongs to the vat it was made in: call its methods in that vat's turns. Its
 * states: open; closed by {@link #close} (items written before are still delivered); failed by
 * {@link #fail}, by the reader's cancelling, or by the loss of the link to the reader (an
 * {@value Problem#UNAVAILABLE} problem) or, in one JVM, its vat's shutdown; a reader's vat
 * shut down on another machine while the link lives is not noticed. {@link #done()} tells
 * which, and {@link #acknowledged()} how far the reader got.
 *
 * {@snippet :
 * StreamWriter<String> lines = StreamWriter.to(port, String.class);
 * for (String line : batch) {
 *     lines.write(line);                       // queued; sent when the reader grants credit
 * }
 * lines.ready().when(ok -> more(), problem -> log(problem));   // go on once there is room
 * }
 *
 * @param <T> the type of the stream's items
 */
public final class StreamWriter<T> {

    /** Most items in one batch: one message to the reader. */
    private static final int MAX_BATCH_ITEMS = 1024;
    /** Most weight in one batch, well under the wire's frame limit. */
    private static final long MAX_BATCH_BYTES = 256 * 1024;
    /** Most items in flight, whatever credit a reader grants. */
    private static final long MAX_IN_FLIGHT_ITEMS = 65_536;
    /** Most weight in flight, whatever credit a reader grants. */
    private static final long MAX_IN_FLIGHT_BYTES = 64L * 1024 * 1024;
    private static final Promise<Void> READY = Promise.of(null);

    private enum State { OPEN, CLOSING, CLOSED, FAILED }

    private final Vat vat;
    private final Class<T> type;
    private final StreamCredit credit;
    private final ItemQueue pending = new ItemQueue();
    /** The end of each batch in flight and the weight sent up to it: {first item after, bytes}. */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    private final Deferred<Long> done = Promise.defer();
    private StreamInlet inlet;
    private State state = State.OPEN;
    private Object last;
    private Problem problem;
    private long sent;
    private long sentBytes;
    private long acknowledged;
    private long acknowledgedBytes;
    private long itemLimit;
    private long byteLimit;
    private Deferred<Void> space;
    private boolean flushQueued;

    private StreamWriter(Vat vat, Class<T> type) {
        this.vat = vat;
        this.type = type;
        this.credit = vat.export(new Credit(), StreamCredit.class);
    }

    /**
     * Opens {@code port}, a reader's sending end, to write items of {@code type} from the
     * current vat. Items may be written at once; they go when the reader grants credit.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public static <T> StreamWriter<T> to(SendPort<T> port, Class<T> type) {
        Objects.requireNonNull(port, "port");
        StreamWriter<T> writer = new StreamWriter<>(currentVat(), Objects.requireNonNull(type, "type"));
        writer.attach(port.open(writer.credit).as(StreamInlet.class));
        return writer;
    }

    /**
     * A writer of items of {@code type} in the current vat, whose reader is to come: whoever
     * is handed {@link #receivePort()} opens it with {@link StreamReader#from}. Items may be
     * written at once; they go when the reader grants credit.
     *
     * @throws IllegalStateException if called outside a turn of a vat
     */
    public static <T> StreamWriter<T> open(Class<T> type) {
        return new StreamWriter<>(currentVat(), Objects.requireNonNull(type, "type"));
    }

    /** The capability a reader opens this stream by; refused if this writer has a reader. */
    public ReceivePort<T> receivePort() {
        @SuppressWarnings("unchecked")
        ReceivePort<T> port = vat.export(new Port(), ReceivePort.class);
        return port;
    }

    /**
     * Queues {@code item} to be sent after those written before it. The writer takes it: a
     * byte array written must not be changed after, as it is encoded for another JVM as it is
     * when it is sent, not copied when written (a reader in this JVM gets a copy).
     *
     * @return fulfilled while the reader's credit covers everything written, else when it
     *         does again (the writer should wait for it before writing more: what it writes
     *         meanwhile is held in this vat); broken if the stream has failed
     * @throws IllegalStateException    if the stream was closed, or outside this writer's vat
     * @throws IllegalArgumentException if {@code item} is not of the stream's type
     */
    public Promise<Void> write(T item) {
        requireVat();
        Objects.requireNonNull(item, "item");
        if (!type.isInstance(item)) {
            throw new IllegalArgumentException(item.getClass().getName() + " is not a " + type.getName());
        }
        if (state == State.FAILED) {
            return Promise.broken(problem);
        }
        if (state != State.OPEN) {
            throw new IllegalStateException("the stream was closed");
        }
        pending.add(item, Weights.of(item));
        if (!flushQueued) {
            flushQueued = true;
            vat.run(this::flush);
        }
        return ready();
    }

    /**
     * Fulfilled while the reader's credit covers everything written, else when it does
     * again; broken if the stream has failed.
     */
    public Promise<Void> ready() {
        requireVat();
        if (state == State.FAILED) {
            return Promise.broken(problem);
        }
        if (hasRoom()) {
            return READY;
        }
        if (space == null) {
            space = Promise.defer();
        }
        return space.promise();
    }

    /**
     * Ends the stream with {@code last}, a final value the reader receives after every item
     * (null for none), once every item written has been sent. Does nothing if the stream has
     * ended already. The final value is untyped, like any value declared {@code Object}: a
     * number crosses machines as the wire carries it (an {@code Integer} arrives as a
     * {@code Long}), so send a {@code Long}, a string or a record to read the same everywhere.
     *
     * @return {@link #done()}
     */
    public Promise<Long> close(Object last) {
        requireVat();
        if (state == State.OPEN) {
            this.last = last;
            state = State.CLOSING;
            flush();
        }
        return done();
    }

    /**
     * Fails the stream with {@code problem}: items written are sent as far as the reader's
     * credit allows, those beyond it are dropped, and the reader receives the problem after
     * the items sent. Does nothing if the stream has ended.
     */
    public void fail(Problem problem) {
        requireVat();
        Objects.requireNonNull(problem, "problem");
        if (state == State.OPEN || state == State.CLOSING) {
            if (inlet != null) {
                flush();
                inlet.fail(sent, problem);
            }
            failHere(problem);
        }
    }

    /**
     * Fulfilled with the number of items once the stream is closed and the reader has
     * consumed them all; broken with the problem the stream failed with.
     */
    public Promise<Long> done() {
        return done.promise();
    }

    /** How many items the reader has said it consumed: how far it got, if the stream failed. */
    public long acknowledged() {
        requireVat();
        return acknowledged;
    }

    /** How many items have been sent to the reader. */
    public long sent() {
        requireVat();
        return sent;
    }

    /** How many items written are held in this vat, waiting for credit. */
    public int pending() {
        requireVat();
        return pending.size();
    }

    Vat vat() {
        return vat;
    }

    private void attach(StreamInlet to) {
        inlet = to;
        Runnable unwatch = Vats.monitor(to, this::failHere);
        done.promise().when(count -> ended(unwatch), problem -> ended(unwatch));
        flush();
    }

    /**
     * Lets go of the reader's inlet once the stream has ended: across machines, each end holds
     * the other's capability, and neither export is released while the other is held.
     */
    private void ended(Runnable unwatch) {
        unwatch.run();
        inlet = null;
    }

    /**
     * Whether the writer is held back by credit: it holds items the credit does not cover, or
     * the application waits for room ({@link #ready()}) and would write more.
     */
    private boolean waiting() {
        return pending.isEmpty() ? space != null : !hasCredit();
    }

    /** Whether the credit covers the next pending item. */
    private boolean hasCredit() {
        return sent < itemLimit && (sentBytes + pending.peekWeight() <= byteLimit || sent == acknowledged);
    }

    private boolean hasRoom() {
        return sent + pending.size() < itemLimit && sentBytes + pending.bytes() < byteLimit;
    }

    /** Sends what the credit allows, in batches; then the close, once nothing is left. */
    private void flush() {
        flushQueued = false;
        if (inlet == null || state == State.FAILED || state == State.CLOSED) {
            return;
        }
        while (!pending.isEmpty()) {
            List<Object> batch = takeBatch();
            if (batch == null) {
                break;
            }
            long first = sent;
            sent += batch.size();
            boolean waiting = waiting();
            try {
                // The items are this writer's since write(), and dropped here once sent: what leaves
                // this JVM needs no copy before the codec's.
                Vats.handOver(vat, () -> inlet.items(first, batch, waiting));
            } catch (RuntimeException e) {
                // An item that cannot cross (not passable) ends the stream after those before it.
                sent = first;
                Problem why = Problem.from(e);
                inlet.fail(sent, why);
                failHere(why);
                return;
            }
            inFlight.add(new long[] {sent, sentBytes});
        }
        if (pending.isEmpty() && state == State.CLOSING) {
            state = State.CLOSED;
            inlet.close(sent, last);
        }
    }

    /** The next batch the credit allows, its weight added to {@link #sentBytes}; null if none. */
    private List<Object> takeBatch() {
        List<Object> batch = null;
        long bytes = 0;
        while (!pending.isEmpty() && sent + (batch == null ? 0 : batch.size()) < itemLimit) {
            long weight = pending.peekWeight();
            boolean fits = sentBytes + bytes + weight <= byteLimit;
            // An item heavier than the window may go alone into an empty reader.
            boolean alone = batch == null && sent == acknowledged;
            if (!fits && !alone || batch != null && bytes + weight > MAX_BATCH_BYTES) {
                break;
            }
            if (batch == null) {
                batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH_ITEMS));
            }
            batch.add(pending.poll());
            bytes += weight;
            if (!fits || batch.size() == MAX_BATCH_ITEMS) {
                break;
            }
        }
        sentBytes += bytes;
        return batch;
    }

    private void credited(long consumed, long items, long bytes) {
        if (state == State.FAILED) {
            return;
        }
        if (consumed < 0 || consumed > sent || items < 0 || bytes < 0) {
            Problem lie = Problem.of(Problem.REFUSED,
                    "the stream's reader broke its protocol: it acknowledged %d items of %d sent", consumed, sent);
            if (inlet != null) {
                inlet.fail(sent, lie);
            }
            failHere(lie);
            return;
        }
        if (consumed > acknowledged) {
            acknowledged = consumed;
            while (!inFlight.isEmpty() && inFlight.peek()[0] <= consumed) {
                acknowledgedBytes = inFlight.poll()[1];
            }
        }
        itemLimit = Math.max(itemLimit, Math.min(items, acknowledged + MAX_IN_FLIGHT_ITEMS));
        byteLimit = Math.max(byteLimit, Math.min(bytes, acknowledgedBytes + MAX_IN_FLIGHT_BYTES));
        flush();
        if (state == State.CLOSED && acknowledged == sent && !done.promise().isSettled()) {
            done.resolver().resolve(sent);
        }
        if (space != null && hasRoom()) {
            Deferred<Void> waiting = space;
            space = null;
            waiting.resolver().resolve(null);
        }
    }

    private void failHere(Problem why) {
        if (state == State.FAILED || done.promise().isSettled()) {
            return;
        }
        state = State.FAILED;
        problem = why;
        pending.clear();
        done.resolver().reject(why);
        if (space != null) {
            space.resolver().reject(why);
            space = null;
        }
    }

    void requireVat() {
        if (Vats.current() != vat) {
            throw new IllegalStateException("a stream's writer is used in the turns of its vat, " + vat.name());
        }
    }

    static Vat currentVat() {
        Vat vat = Vats.current();
        if (vat == null) {
            throw new IllegalStateException("a stream's end is made in a turn of the vat it belongs to");
        }
        return vat;
    }

    /** The writer's credit capability, held by its reader. */
    private final class Credit implements StreamCredit {
        @Override
        public void credit(long consumed, long itemLimit, long byteLimit) {
            credited(consumed, itemLimit, byteLimit);
        }

        @Override
        public void cancel(Problem problem) {
            failHere(problem == null ? Problem.of(Problem.REFUSED, "the stream's reader cancelled it") : problem);
        }
    }

    /** The writer's receiving end, opened once by a reader. */
    private final class Port implements ReceivePort<T> {
        @Override
        public Promise<StreamCredit> open(StreamInlet reader) {
            if (inlet != null || reader == null) {
                return Promise.broken(Problem.of(Problem.REFUSED, "the stream has a reader already"));
            }
            attach(reader);
            return Promise.of(credit);
        }
    }
}
