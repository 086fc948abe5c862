package dev.erg.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.DeterministicScheduler;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams between vats of one runtime on the deterministic scheduler. */
class StreamTest {

    private DeterministicScheduler scheduler = new DeterministicScheduler(1);
    private VatRuntime runtime = VatRuntime.builder().scheduler(scheduler).build();
    private final Vat writing = runtime.newVat("writing");
    private final Vat reading = runtime.newVat("reading");

    @AfterEach
    void close() {
        runtime.close();
    }

    private <T> T settle(Promise<T> promise) {
        scheduler.runUntilIdle();
        return promise.join(Duration.ZERO);
    }

    /** Runs {@code action} in a turn of {@code vat} and answers what it returned, as it is (not passed). */
    private <T> T inVat(Vat vat, Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        vat.run(() -> result.set(action.get()));
        scheduler.runUntilIdle();
        return result.get();
    }

    private Problem problemOf(Promise<?> promise) {
        scheduler.runUntilIdle();
        assertThat(promise.isSettled()).as("settled").isTrue();
        assertThat(promise.problemOrNull()).as("broken").isNotNull();
        return promise.problemOrNull();
    }

    @Test
    void itemsArriveInOrderAndTheFinalValueAfterThem() {
        List<Integer> seen = new ArrayList<>();
        StreamReader<Integer> reader = inVat(reading, () -> StreamReader.open(Integer.class, Window.fixed(16, 1 << 20)));
        Promise<Object> last = inVat(reading, () -> reader.forEach(seen::add));
        SendPort<Integer> port = inVat(reading, reader::sendPort);
        Promise<Long> done = inVat(writing, () -> {
            StreamWriter<Integer> writer = StreamWriter.to(port, Integer.class);
            for (int i = 0; i < 10_000; i++) {
                writer.write(i);
            }
            return writer.close("the end");
        });
        assertThat(settle(last)).isEqualTo("the end");
        assertThat(settle(done)).isEqualTo(10_000L);
        assertThat(seen).hasSize(10_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aSlowReaderHoldsNoMoreThanItsWindowAndItsWriterWaits() {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.fixed(8, 1 << 20)));
        SendPort<String> port = inVat(reading, reader::sendPort);
        AtomicReference<StreamWriter<String>> writer = new AtomicReference<>();
        List<Promise<Void>> rooms = inVat(writing, () -> {
            writer.set(StreamWriter.to(port, String.class));
            List<Promise<Void>> written = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                written.add(writer.get().write("item " + i));
            }
            return written;
        });
        scheduler.runUntilIdle();
        assertThat(inVat(reading, reader::buffered)).isEqualTo(8);
        assertThat(inVat(writing, () -> writer.get().sent())).isEqualTo(8L);
        assertThat(inVat(writing, () -> writer.get().pending())).isEqualTo(92);
        assertThat(rooms.get(99).isSettled()).as("room while 92 items wait").isFalse();

        for (int i = 0; i < 30; i++) {
            assertThat(settle(inVat(reading, reader::next))).contains("item " + i);
            assertThat(inVat(reading, reader::buffered)).isLessThanOrEqualTo(8);
        }
        assertThat(inVat(writing, () -> writer.get().acknowledged())).isGreaterThanOrEqualTo(28L);
        assertThat(inVat(writing, () -> writer.get().sent())).isLessThanOrEqualTo(38L);
        assertThat(rooms.get(99).isSettled()).as("room while 62 items wait").isFalse();
        for (int i = 30; i < 100; i++) {
            assertThat(settle(inVat(reading, reader::next))).contains("item " + i);
        }
        assertThat(rooms.get(99).isFulfilled()).as("room once every item is sent").isTrue();
    }

    @Test
    void aReaderThatKeepsUpGrowsItsWindowWhetherItemsWaitInTheWriterOrInTheApplication() {
        for (boolean paced : List.of(false, true)) {
            StreamReader<Long> reader = inVat(reading, () -> StreamReader.open(Long.class, new Window(4, 1 << 20, 256, 1 << 20)));
            inVat(reading, () -> reader.forEach(n -> { }));
            SendPort<Long> port = inVat(reading, reader::sendPort);
            inVat(writing, () -> {
                StreamWriter<Long> writer = StreamWriter.to(port, Long.class);
                if (paced) {
                    pump(writer, new long[1], 5_000);
                } else {
                    for (long i = 0; i < 5_000; i++) {
                        writer.write(i);
                    }
                    writer.close(null);
                }
                return null;
            });
            assertThat(inVat(reading, reader::windowItems)).as(paced ? "written only while there is room" : "written at once")
                    .isEqualTo(256);
        }
    }

    /** Writes while the writer has room, and again when it has: items wait in the application, not the writer. */
    private static void pump(StreamWriter<Long> writer, long[] next, long count) {
        while (next[0] < count) {
            Promise<Void> room = writer.write(next[0]++);
            if (!room.isFulfilled()) {
                room.when(ok -> pump(writer, next, count), p -> { });
                return;
            }
        }
        writer.close(null);
    }

    @Test
    void aFailureReachesTheReaderAfterTheItemsSentBeforeIt() {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.defaults()));
        List<String> seen = new ArrayList<>();
        Promise<Object> done = inVat(reading, () -> reader.forEach(seen::add));
        SendPort<String> port = inVat(reading, reader::sendPort);
        Promise<Long> writerDone = inVat(writing, () -> {
            StreamWriter<String> writer = StreamWriter.to(port, String.class);
            writer.write("a");
            writer.write("b");
            writer.ready().when(ok -> writer.fail(Problem.of("DiskFull", "no room for c")), p -> { });
            return writer.done();
        });
        assertThat(problemOf(done)).isEqualTo(Problem.of("DiskFull", "no room for c"));
        assertThat(problemOf(writerDone).kind()).isEqualTo("DiskFull");
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void nextAnswersItemsInOrderThenEmptyAtTheEnd() {
        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.open(String.class));
        ReceivePort<String> port = inVat(writing, writer::receivePort);
        StreamReader<String> reader = inVat(reading, () -> StreamReader.from(port, String.class, Window.defaults()));
        List<Promise<Optional<String>>> nexts = inVat(reading, () -> List.of(reader.next(), reader.next(), reader.next()));
        inVat(writing, () -> {
            writer.write("x");
            writer.write("y");
            return writer.close(null);
        });
        assertThat(nexts.stream().map(this::settle).toList())
                .containsExactly(Optional.of("x"), Optional.of("y"), Optional.empty());
        assertThat(settle(inVat(reading, reader::next))).isEmpty();
        assertThat(settle(inVat(writing, writer::done))).isEqualTo(2L);
    }

    @Test
    void aSecondWriterOrReaderIsRefused() {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.defaults()));
        SendPort<String> port = inVat(reading, reader::sendPort);
        inVat(writing, () -> StreamWriter.to(port, String.class));
        Promise<Long> second = inVat(writing, () -> StreamWriter.to(port, String.class).done());
        assertThat(problemOf(second).kind()).isEqualTo(Problem.REFUSED);

        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.open(String.class));
        ReceivePort<String> receiving = inVat(writing, writer::receivePort);
        inVat(reading, () -> StreamReader.from(receiving, String.class, Window.defaults()));
        Promise<Object> secondReader = inVat(reading,
                () -> StreamReader.from(receiving, String.class, Window.defaults()).done());
        assertThat(problemOf(secondReader).kind()).isEqualTo(Problem.REFUSED);
    }

    @Test
    void cancellingTheReaderFailsTheWriterWithTheReadersProblem() {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.fixed(2, 1 << 20)));
        SendPort<String> port = inVat(reading, reader::sendPort);
        Promise<Long> done = inVat(writing, () -> {
            StreamWriter<String> writer = StreamWriter.to(port, String.class);
            writer.write("a");
            return writer.done();
        });
        inVat(reading, () -> {
            reader.cancel(Problem.of("Enough", "seen enough"));
            return null;
        });
        assertThat(problemOf(done)).isEqualTo(Problem.of("Enough", "seen enough"));
        assertThat(problemOf(inVat(reading, reader::done))).isEqualTo(Problem.of("Enough", "seen enough"));
    }

    @Test
    void writingAfterCloseOrOutsideTheVatIsRefused() {
        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.open(String.class));
        assertThatThrownBy(() -> writer.write("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("turns of its vat");
        Promise<Void> afterClose = writing.callPromise(() -> {
            writer.close(null);
            return writer.write("late");
        });
        scheduler.runUntilIdle();
        assertThat(afterClose.problemOrNull().message()).contains("the stream was closed");
        assertThatThrownBy(() -> StreamReader.open(String.class, Window.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in a turn");
    }

    @Test
    void aStreamPipedThroughAThirdVatKeepsOrderAndFlowControl() {
        Vat middle = runtime.newVat("middle");
        StreamReader<Integer> reader = inVat(reading, () -> StreamReader.open(Integer.class, Window.fixed(4, 1 << 20)));
        SendPort<Integer> out = inVat(reading, reader::sendPort);
        StreamReader<Integer> relayIn = inVat(middle, () -> StreamReader.open(Integer.class, Window.fixed(4, 1 << 20)));
        SendPort<Integer> in = inVat(middle, relayIn::sendPort);
        inVat(middle, () -> relayIn.pipeTo(StreamWriter.to(out, Integer.class)));
        List<Integer> seen = new ArrayList<>();
        Promise<Object> done = inVat(reading, () -> reader.forEach(seen::add));
        inVat(writing, () -> {
            StreamWriter<Integer> writer = StreamWriter.to(in, Integer.class);
            for (int i = 0; i < 1_000; i++) {
                writer.write(i);
            }
            return writer.close(42);
        });
        assertThat(settle(done)).isEqualTo(42);
        assertThat(seen).hasSize(1_000).isSorted();
    }

    @Test
    void anItemThatCannotCrossFailsTheStreamAfterThoseBeforeIt() {
        StreamReader<Object> reader = inVat(reading, () -> StreamReader.open(Object.class, Window.defaults()));
        List<Object> seen = new ArrayList<>();
        Promise<Object> done = inVat(reading, () -> reader.forEach(seen::add));
        SendPort<Object> port = inVat(reading, reader::sendPort);
        Promise<Long> writerDone = inVat(writing, () -> {
            StreamWriter<Object> writer = StreamWriter.to(port, Object.class);
            writer.write("fine");
            writer.ready().when(ok -> writer.write(new Object()), p -> { });
            return writer.done();
        });
        assertThat(problemOf(done).kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(problemOf(writerDone).kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(seen).containsExactly("fine");
    }

    /**
     * A reader in another vat of this JVM gets copies of the arrays written, which the writer
     * cannot change under it: the writer hands its arrays over only to the encoder of a link.
     */
    @Test
    void aByteArrayWrittenReachesAReaderInThisJvmAsACopyTheWriterCannotChange() {
        List<byte[]> written = List.of(new byte[] {1}, new byte[] {2, 3});
        List<byte[]> seen = new ArrayList<>();
        StreamReader<byte[]> reader = inVat(reading, () -> StreamReader.open(byte[].class, Window.fixed(4, 1 << 20)));
        SendPort<byte[]> port = inVat(reading, reader::sendPort);
        Promise<Object> last = inVat(reading, () -> reader.forEach(seen::add));
        inVat(writing, () -> {
            StreamWriter<byte[]> writer = StreamWriter.to(port, byte[].class);
            written.forEach(writer::write);
            return writer.close(null);
        });

        settle(last);
        written.get(1)[0] = 9;
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isNotSameAs(written.get(0)).containsExactly(1);
        assertThat(seen.get(1)).isNotSameAs(written.get(1)).containsExactly(2, 3);
    }

    /** Any schedule of the vats' turns, and any window, delivers every item once, in order. */
    @Test
    void everyScheduleDeliversEveryItemOnceInOrder() {
        for (long seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            runtime.close();
            scheduler = new DeterministicScheduler(seed);
            runtime = VatRuntime.builder().scheduler(scheduler).build();
            Vat w = runtime.newVat("w");
            Vat r = runtime.newVat("r");
            int items = random.nextInt(1, 3_000);
            Window window = new Window(random.nextInt(1, 64), random.nextLong(1, 4_096), 64, 4_096);
            List<byte[]> seen = new ArrayList<>();
            StreamReader<byte[]> reader = inVat(r, () -> StreamReader.open(byte[].class, window));
            SendPort<byte[]> port = inVat(r, reader::sendPort);
            Promise<Object> done = inVat(r, () -> reader.forEach(seen::add));
            long s = seed;
            inVat(w, () -> {
                StreamWriter<byte[]> writer = StreamWriter.to(port, byte[].class);
                for (int i = 0; i < items; i++) {
                    byte[] item = new byte[random.nextInt(0, 300)];
                    if (item.length > 0) {
                        item[0] = (byte) i;
                    }
                    writer.write(item);
                }
                return writer.close(s);
            });
            assertThat(settle(done)).as("seed %d", seed).isEqualTo(seed);
            assertThat(seen).as("seed %d", seed).hasSize(items);
            for (int i = 0; i < items; i++) {
                if (seen.get(i).length > 0) {
                    assertThat(seen.get(i)[0]).as("seed %d, item %d", seed, i).isEqualTo((byte) i);
                }
            }
        }
    }

    /** A writer that speaks the protocol by hand, as a hostile peer would. */
    private static final class HandCredit implements StreamCredit {
        final List<String> heard = new ArrayList<>();

        @Override
        public void credit(long consumed, long itemLimit, long byteLimit) {
            heard.add("credit " + consumed + " " + itemLimit);
        }

        @Override
        public void cancel(Problem problem) {
            heard.add("cancel " + problem.kind() + ": " + problem.message());
        }
    }

    private StreamInlet openByHand(StreamReader<?> reader, HandCredit credit) {
        @SuppressWarnings("unchecked")
        SendPort<Object> port = (SendPort<Object>) (SendPort<?>) inVat(reading, reader::sendPort);
        Promise<StreamInlet> inlet = inVat(writing, () -> port.open(writing.export(credit, StreamCredit.class)));
        return settle(inlet);
    }

    @Test
    void aWriterThatSendsBeyondItsCreditIsCancelledAndItsItemsDropped() {
        StreamReader<Integer> reader = inVat(reading, () -> StreamReader.open(Integer.class, Window.fixed(4, 1 << 20)));
        HandCredit credit = new HandCredit();
        StreamInlet inlet = openByHand(reader, credit);
        inVat(writing, () -> {
            inlet.items(0, List.of(0L, 1L, 2L, 3L, 4L, 5L), false);
            return null;
        });
        Problem problem = problemOf(inVat(reading, reader::done));
        assertThat(problem.kind()).isEqualTo(Problem.REFUSED);
        assertThat(problem.message()).contains("2 items beyond its credit");
        assertThat(credit.heard).containsExactly("credit 0 4", "cancel Refused: " + problem.message());
        assertThat(inVat(reading, reader::buffered)).isZero();
    }

    @Test
    void aWriterThatSkipsOrRepeatsItemsOrSendsAnotherTypeIsCancelled() {
        for (List<Object> batch : List.<List<Object>>of(List.of(7L), List.of("not a number"))) {
            StreamReader<Integer> reader = inVat(reading, () -> StreamReader.open(Integer.class, Window.defaults()));
            HandCredit credit = new HandCredit();
            StreamInlet inlet = openByHand(reader, credit);
            long first = batch.getFirst() instanceof Long ? 3 : 0;
            inVat(writing, () -> {
                inlet.items(first, batch, false);
                inlet.items(first + 1, List.of(1L), false);
                return null;
            });
            Problem problem = problemOf(inVat(reading, reader::done));
            assertThat(problem.kind()).as("%s", batch).isEqualTo(Problem.REFUSED);
            assertThat(problem.message()).as("%s", batch)
                    .contains(first == 3 ? "item 3 where 0 was next" : "item 0 is of another type, not a Integer");
            assertThat(credit.heard).as("%s", batch).hasSize(2).last().asString().startsWith("cancel Refused");
        }
    }

    @Test
    void aReaderThatAcknowledgesItemsNeverSentFailsTheWriter() {
        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.open(String.class));
        ReceivePort<String> port = inVat(writing, writer::receivePort);
        List<String> heard = new ArrayList<>();
        StreamInlet handInlet = new StreamInlet() {
            @Override
            public void items(long first, List<Object> items, boolean waiting) {
                heard.add("items " + first + " " + items);
            }

            @Override
            public void close(long count, Object last) {
                heard.add("close " + count);
            }

            @Override
            public void fail(long count, Problem problem) {
                heard.add("fail " + count + " " + problem.message());
            }
        };
        Promise<StreamCredit> credit = inVat(reading, () -> port.open(reading.export(handInlet, StreamInlet.class)));
        inVat(reading, () -> {
            credit.as(StreamCredit.class).credit(0, 2, 1 << 20);
            return null;
        });
        inVat(writing, () -> {
            writer.write("a");
            writer.write("b");
            return writer.write("c");
        });
        assertThat(heard).containsExactly("items 0 [a, b]");
        inVat(reading, () -> {
            credit.as(StreamCredit.class).credit(1_000, 2_000, 1 << 20);
            return null;
        });
        Problem problem = problemOf(inVat(writing, writer::done));
        assertThat(problem.message()).contains("acknowledged 1000 items of 2 sent");
        assertThat(heard).containsExactly("items 0 [a, b]", "fail 2 " + problem.message());
    }

    @Test
    void aReaderThatGrantsUnboundedCreditGetsNoMoreThanTheWritersOwnBound() {
        StreamWriter<Long> writer = inVat(writing, () -> StreamWriter.open(Long.class));
        ReceivePort<Long> port = inVat(writing, writer::receivePort);
        long[] received = new long[1];
        StreamInlet counting = new StreamInlet() {
            @Override
            public void items(long first, List<Object> items, boolean waiting) {
                received[0] += items.size();
            }

            @Override
            public void close(long count, Object last) {
            }

            @Override
            public void fail(long count, Problem problem) {
            }
        };
        Promise<StreamCredit> credit = inVat(reading, () -> port.open(reading.export(counting, StreamInlet.class)));
        inVat(reading, () -> {
            credit.as(StreamCredit.class).credit(0, Long.MAX_VALUE, Long.MAX_VALUE);
            return null;
        });
        inVat(writing, () -> {
            for (long i = 0; i < 100_000; i++) {
                writer.write(i);
            }
            return null;
        });
        assertThat(received[0]).isEqualTo(65_536);
        assertThat(inVat(writing, writer::pending)).isEqualTo(100_000 - 65_536);
    }

    @Test
    void creditRepeatedAfterTheLastItemIsHarmless() {
        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.open(String.class));
        ReceivePort<String> port = inVat(writing, writer::receivePort);
        StreamInlet ignoring = new StreamInlet() {
            @Override
            public void items(long first, List<Object> items, boolean waiting) {
            }

            @Override
            public void close(long count, Object last) {
            }

            @Override
            public void fail(long count, Problem problem) {
            }
        };
        Promise<StreamCredit> credit = inVat(reading, () -> port.open(reading.export(ignoring, StreamInlet.class)));
        settle(inVat(reading, () -> Ref.send(credit, "credit", 0L, 10L, 100L)));
        inVat(writing, () -> {
            writer.write("only");
            return writer.close(null);
        });
        // Grants that crossed the close: each acknowledges every item; the method must answer, not throw.
        List<Promise<Object>> answers = inVat(reading, () -> List.of(
                Ref.send(credit, "credit", 1L, 10L, 100L), Ref.send(credit, "credit", 1L, 10L, 100L)));
        assertThat(answers).allSatisfy(a -> assertThat(settle(a)).isNull());
        assertThat(settle(inVat(writing, writer::done))).isEqualTo(1L);
    }
}
