package dev.erg.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Problem;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams through Flow and through byte streams, on a runtime with threads. */
class StreamsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final VatRuntime runtime = VatRuntime.create();
    private final Vat writing = runtime.newVat("writing");
    private final Vat reading = runtime.newVat("reading");

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Runs {@code action} in a turn of {@code vat} and answers what it returned, as it is. */
    private static <T> T inVat(Vat vat, Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vat.run(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void bytesWrittenToAnOutputStreamAreReadFromAnInputStreamInOrder() throws Exception {
        byte[] data = new byte[3_000_000];
        new SplittableRandom(5).nextBytes(data);
        StreamReader<byte[]> reader = inVat(reading, () -> StreamReader.open(byte[].class, Window.fixed(4, 64 * 1024)));
        SendPort<byte[]> port = inVat(reading, reader::sendPort);
        InputStream in = inVat(reading, () -> Streams.inputStream(reader));
        OutputStream out = inVat(writing, () -> Streams.outputStream(StreamWriter.to(port, byte[].class), 8 * 1024));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        SplittableRandom random = new SplittableRandom(6);
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, random.nextInt(1, 20_000));
            out.write(data, at, n);
            at += n;
        }
        out.close();
        assertThat(read.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(inVat(reading, reader::buffered)).isZero();
    }

    @Test
    void aFailedStreamThrowsFromTheInputStreamAfterItsBytes() throws Exception {
        StreamReader<byte[]> reader = inVat(reading, () -> StreamReader.open(byte[].class, Window.defaults()));
        SendPort<byte[]> port = inVat(reading, reader::sendPort);
        InputStream in = inVat(reading, () -> Streams.inputStream(reader));
        inVat(writing, () -> {
            StreamWriter<byte[]> writer = StreamWriter.to(port, byte[].class);
            writer.write(new byte[] {1, 2, 3});
            writer.ready().when(ok -> writer.fail(Problem.of("SourceGone", "the file was deleted")), p -> { });
            return null;
        });
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThatThrownBy(() -> in.transferTo(got)).isInstanceOf(IOException.class)
                .hasMessageContaining("SourceGone").hasMessageContaining("the file was deleted");
        assertThat(got.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void aPublishersItemsReachASubscriberThroughAStream() throws Exception {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.fixed(8, 1 << 20)));
        SendPort<String> port = inVat(reading, reader::sendPort);
        Flow.Subscriber<String> into = inVat(writing, () -> Streams.subscriber(StreamWriter.to(port, String.class)));
        Flow.Publisher<String> out = inVat(reading, () -> Streams.publisher(reader));
        Collecting collected = new Collecting();
        out.subscribe(collected);
        try (SubmissionPublisher<String> source = new SubmissionPublisher<>()) {
            source.subscribe(into);
            for (int i = 0; i < 5_000; i++) {
                source.submit("line " + i);
            }
        }
        assertThat(collected.completed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(collected.items.get(i)).isEqualTo("line " + i);
        }
    }

    @Test
    void aPublishersErrorFailsTheStreamAndASecondSubscriberIsRefused() throws Exception {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.defaults()));
        SendPort<String> port = inVat(reading, reader::sendPort);
        StreamWriter<String> writer = inVat(writing, () -> StreamWriter.to(port, String.class));
        inVat(writing, writer::ready).join(WAIT);
        Flow.Subscriber<String> into = inVat(writing, () -> Streams.subscriber(writer));
        Flow.Publisher<String> out = inVat(reading, () -> Streams.publisher(reader));
        Collecting first = new Collecting();
        Collecting second = new Collecting();
        out.subscribe(first);
        out.subscribe(second);
        // A source that fails after one item, once asked (SubmissionPublisher may drop items it buffers when it fails).
        Flow.Publisher<String> source = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean asked;

            @Override
            public void request(long n) {
                if (!asked) {
                    asked = true;
                    subscriber.onNext("one");
                    subscriber.onError(new IllegalStateException("the source broke"));
                }
            }

            @Override
            public void cancel() {
            }
        });
        source.subscribe(into);
        assertThat(first.completed).failsWithin(WAIT).withThrowableThat().withMessageContaining("the source broke");
        assertThat(first.items).containsExactly("one");
        assertThat(second.completed).failsWithin(WAIT).withThrowableThat().withMessageContaining("another way");
    }

    @Test
    void aSubscriberThatComesAfterTheEndIsToldOfIt() throws Exception {
        StreamReader<String> reader = inVat(reading, () -> StreamReader.open(String.class, Window.defaults()));
        SendPort<String> port = inVat(reading, reader::sendPort);
        inVat(writing, () -> StreamWriter.to(port, String.class).close(null)).join(WAIT);
        inVat(reading, reader::done).join(WAIT);
        Collecting late = new Collecting();
        inVat(reading, () -> Streams.publisher(reader)).subscribe(late);
        assertThat(late.completed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
    }

    /** Requests one item at a time, as a careful subscriber does. */
    private static final class Collecting implements Flow.Subscriber<String> {
        final List<String> items = new ArrayList<>();
        final CompletableFuture<List<String>> completed = new CompletableFuture<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(String item) {
            items.add(item);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable thrown) {
            completed.completeExceptionally(thrown);
        }

        @Override
        public void onComplete() {
            completed.complete(items);
        }
    }
}
