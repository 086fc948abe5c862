package dev.erg.transparency;

import dev.erg.stream.ReceivePort;
import dev.erg.stream.SendPort;
import dev.erg.stream.StreamReader;
import dev.erg.stream.StreamWriter;
import dev.erg.stream.Window;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.util.ArrayList;
import java.util.List;

/** Streams between vats: order, ends, flow control, handoffs of an end, and a cut link. */
final class StreamScenarios {

    private StreamScenarios() {
    }

    /** Writes numbers into the streams it is handed, or offers a stream of lines. */
    public interface Source {
        /** Writes 0 .. count-1 into {@code port}, closes it, and answers the writer's done(). */
        Promise<Long> numbers(SendPort<Integer> port, int count);

        /** Writes 0 .. count-1 into {@code port}, then fails the stream. */
        Promise<Long> failAfter(SendPort<Integer> port, int count);

        /** Writes a string, then an object that cannot cross, into {@code port}. */
        Promise<Long> unpassable(SendPort<Object> port);

        /** A stream of {@code count} lines, written before any reader comes. */
        Promise<ReceivePort<String>> lines(int count);
    }

    /** Reads a stream of lines it is handed. */
    public interface Sink {
        Promise<String> readAll(ReceivePort<String> port);
    }

    static final class Numbers implements Source {
        @Override
        public Promise<Long> numbers(SendPort<Integer> port, int count) {
            StreamWriter<Integer> writer = StreamWriter.to(port, Integer.class);
            for (int i = 0; i < count; i++) {
                writer.write(i);
            }
            return writer.close("sent " + count);
        }

        @Override
        public Promise<Long> failAfter(SendPort<Integer> port, int count) {
            StreamWriter<Integer> writer = StreamWriter.to(port, Integer.class);
            for (int i = 0; i < count; i++) {
                writer.write(i);
            }
            // Once credit has come, so that the items are sent before the failure.
            writer.ready().when(ok -> writer.fail(Problem.of("SourceGone", "the source went away")), p -> { });
            return writer.done();
        }

        @Override
        public Promise<Long> unpassable(SendPort<Object> port) {
            StreamWriter<Object> writer = StreamWriter.to(port, Object.class);
            writer.write("fine");
            writer.ready().when(ok -> writer.write(new Object()), p -> { });
            return writer.done();
        }

        @Override
        public Promise<ReceivePort<String>> lines(int count) {
            StreamWriter<String> writer = StreamWriter.open(String.class);
            for (int i = 0; i < count; i++) {
                writer.write("line " + i);
            }
            writer.close((long) count);
            return Promise.of(writer.receivePort());
        }
    }

    static final class Joiner implements Sink {
        @Override
        public Promise<String> readAll(ReceivePort<String> port) {
            StreamReader<String> reader = StreamReader.from(port, String.class, Window.fixed(4, 1 << 20));
            List<String> lines = new ArrayList<>();
            return reader.forEach(lines::add).then(last -> lines.size() + " lines, the last " + lines.getLast()
                    + ", final value " + Describe.value(last));
        }
    }

    /**
     * Reads one item at a time, noting the most items the reader held unread, which timing
     * decides: whether it stayed within {@code window} is what every mode must agree on.
     */
    private static Promise<String> readSlowly(StreamReader<Integer> reader, List<Integer> seen, int[] mostHeld,
                                              int window) {
        return reader.next().thenCompose(item -> {
            mostHeld[0] = Math.max(mostHeld[0], reader.buffered());
            if (item.isEmpty()) {
                return Promise.of(seen.size() + " items, held unread within the window " + (mostHeld[0] <= window));
            }
            seen.add(item.get());
            return readSlowly(reader, seen, mostHeld, window);
        });
    }

    /** The port a promise is for, as a reference messages can be sent to before it resolves. */
    @SuppressWarnings("unchecked")
    private static ReceivePort<String> linesOf(Promise<ReceivePort<String>> port) {
        return port.as(ReceivePort.class);
    }

    private static boolean inOrder(List<Integer> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("a stream of numbers from one vat to another, in order, with its final value", (w, out) -> {
                    Source source = w.share("bob", new Numbers(), Source.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        StreamReader<Integer> reader = StreamReader.open(Integer.class, Window.fixed(8, 1 << 20));
                        List<Integer> seen = new ArrayList<>();
                        Promise<Object> last = reader.forEach(seen::add);
                        Promise<Long> written = source.numbers(reader.sendPort(), 300);
                        return Settle.inOrder(out, "alice", List.of(last, written)).then(n -> {
                            out.add("alice", seen.size() + " items, in order " + inOrder(seen)
                                    + ", of class " + seen.getFirst().getClass().getSimpleName());
                            return n;
                        });
                    });
                }),
                Scenario.of("a slow reader holds no more than its window", (w, out) -> {
                    Source source = w.share("bob", new Numbers(), Source.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        StreamReader<Integer> reader = StreamReader.open(Integer.class, Window.fixed(6, 1 << 20));
                        List<Integer> seen = new ArrayList<>();
                        Promise<Long> written = source.numbers(reader.sendPort(), 100);
                        return readSlowly(reader, seen, new int[1], 6).thenCompose(read -> {
                            out.add("alice", read + ", in order " + inOrder(seen));
                            return Settle.describe(written);
                        });
                    });
                }),
                Scenario.of("a stream that fails after some items", (w, out) -> {
                    Source source = w.share("bob", new Numbers(), Source.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        StreamReader<Integer> reader = StreamReader.open(Integer.class, Window.defaults());
                        List<Integer> seen = new ArrayList<>();
                        Promise<Object> last = reader.forEach(seen::add);
                        Promise<Long> written = source.failAfter(reader.sendPort(), 5);
                        return Settle.inOrder(out, "alice", List.of(last, written))
                                .then(n -> seen.size() + " items before the failure");
                    });
                }),
                Scenario.of("an item that cannot cross fails the stream after the items before it", (w, out) -> {
                    Source source = w.share("bob", new Numbers(), Source.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        StreamReader<Object> reader = StreamReader.open(Object.class, Window.defaults());
                        List<Object> seen = new ArrayList<>();
                        Promise<Object> last = reader.forEach(seen::add);
                        Promise<Long> written = source.unpassable(reader.sendPort());
                        return Settle.inOrder(out, "alice", List.of(last, written)).then(n -> seen.toString());
                    });
                }),
                Scenario.of("three vats: a stream's receiving end handed to a third vat", (w, out) -> {
                    Source source = w.share("bob", new Numbers(), Source.class, "alice");
                    Sink sink = w.share("carol", new Joiner(), Sink.class, "alice");
                    return w.vat("alice").callPromise(() -> sink.readAll(linesOf(source.lines(50))));
                }),
                Scenario.of("a stream whose writer's vat is cut off the network", (w, out) -> {
                    Source source = w.share("dave", new Numbers(), Source.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        StreamReader<Integer> reader = StreamReader.open(Integer.class, Window.fixed(4, 1 << 20));
                        source.numbers(reader.sendPort(), 500);
                        // The first item read, the writer waits for credit: it cannot finish before the cut.
                        return reader.next().thenCompose(first -> w.cut("dave"))
                                .thenCompose(cut -> readSlowly(reader, new ArrayList<>(), new int[1], 4))
                                .otherwise(Describe::problem)
                                .thenCompose(read -> Settle.describe(reader.done()));
                    });
                }).stating(Mode.TLS, Outcome.RESULT, List.of("fulfilled String \"broken Unavailable: *"),
                        "only a network can be cut: the stream fails, where in one JVM it goes on to its end"));
    }
}
