package dev.erg.net.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A short burst is held to the read's end and a long one handed over in chunks, their turns run
 * on the reading thread; frames keep their order and are released once.
 */
class ReadBurstTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The time an I/O thread gives a vat's turns (HereTurns), past which the rest go to the pool. */
    private static final long BUDGET_NANOS = 500_000;

    private final VatRuntime runtime = VatRuntime.builder().threads(1).build();
    /** Where the frames' turns go: a vat no thread has run yet, so that the reading thread may claim it. */
    private Vat vat = runtime.newVat("target");
    /** "N on THREAD" for each frame's turn, N the frame's first byte. */
    private final List<String> turns = new CopyOnWriteArrayList<>();
    private final List<Integer> delivered = new ArrayList<>();
    private final ReadBurst burst = new ReadBurst(frame -> {
        int n = frame.getByte(0);
        delivered.add(n);
        vat.run(() -> turns.add(turnOf(n)));
    });

    /**
     * Loads what a turn here runs (the lambda, the string concatenation) first: the I/O thread
     * gives a vat's turns 0.5 ms, and a first turn that loads code can overrun that alone. In a
     * vat of its own: a pool thread may still hold the one it ran when the answer arrives.
     */
    @BeforeEach
    void warmUp() {
        int n = ReadBurst.HELD;
        assertThat(runtime.newVat("warm-up").call(() -> turnOf(n)).join(WAIT)).startsWith(n + " on erg-vat-");
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static String turnOf(int n) {
        return n + " on " + Thread.currentThread().getName();
    }

    private static List<ByteBuf> frames(int count) {
        return IntStream.range(0, count).mapToObj(i -> Unpooled.buffer(1).writeByte(i)).toList();
    }

    /** Adds each frame as the channel would, releasing it after; answers what {@link ReadBurst#add} said. */
    private List<Boolean> read(List<ByteBuf> frames) {
        List<Boolean> first = new ArrayList<>();
        for (ByteBuf frame : frames) {
            try {
                first.add(burst.add(frame));
            } finally {
                frame.release();
            }
        }
        return first;
    }

    @Test
    void aShortBurstIsHeldToTheReadsEndAndItsTurnsRunOnTheReadingThread() {
        List<ByteBuf> frames = frames(ReadBurst.HELD);
        List<Boolean> first = read(frames);
        assertThat(first.getFirst()).isTrue();
        assertThat(first.subList(1, first.size())).containsOnly(false);
        assertThat(delivered).isEmpty();
        assertThat(frames).allSatisfy(f -> assertThat(f.refCnt()).isEqualTo(1));

        long start = System.nanoTime();
        burst.end();
        long took = System.nanoTime() - start;

        assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, ReadBurst.HELD).boxed().toList());
        assertThat(frames).allSatisfy(f -> assertThat(f.refCnt()).isZero());
        assertRanHere(ReadBurst.HELD, took);
    }

    /**
     * The turns of frames 0 to {@code count - 1} ran on this thread, in order; or, if the
     * handover that ran them took past the I/O thread's budget for a vat (this thread was
     * preempted), the first here and the rest on the vat's thread, in order.
     */
    private void assertRanHere(int count, long took) {
        String here = Thread.currentThread().getName();
        if (took < BUDGET_NANOS) {
            assertThat(turns).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> i + " on " + here).toList());
        } else {
            assertThat(turns.getFirst()).isEqualTo("0 on " + here);
            vat.call(() -> null).join(WAIT);
            assertThat(turns).extracting(t -> Integer.parseInt(t.substring(0, t.indexOf(' '))))
                    .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        }
    }

    @Test
    void aLongReadIsHandedOverInChunksWhoseTurnsRunOnTheReadingThread() {
        int count = 3 * ReadBurst.HELD + 1;
        List<ByteBuf> frames = frames(count);
        long start = System.nanoTime();
        List<Boolean> first = read(frames.subList(0, ReadBurst.HELD + 1));
        assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, ReadBurst.HELD).boxed().toList());
        first.addAll(read(frames.subList(ReadBurst.HELD + 1, count)));
        burst.end();
        long took = System.nanoTime() - start;

        assertThat(first.getFirst()).isTrue();
        assertThat(first.subList(1, count)).containsOnly(false);
        assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(frames).allSatisfy(f -> assertThat(f.refCnt()).isZero());
        assertRanHere(count, took);
    }

    @Test
    void theNextReadStartsAfreshAfterALongOne() {
        read(frames(ReadBurst.HELD + 1));
        burst.end();
        vat.call(() -> null).join(WAIT);
        delivered.clear();
        turns.clear();
        vat = runtime.newVat("next");

        List<Boolean> first = read(frames(2));

        assertThat(first).containsExactly(true, false);
        assertThat(delivered).isEmpty();
        long start = System.nanoTime();
        burst.end();
        long took = System.nanoTime() - start;
        assertThat(delivered).containsExactly(0, 1);
        assertRanHere(2, took);
    }

    @Test
    void endingAReadThatHoldsNothingDoesNothing() {
        burst.end();
        burst.end();
        assertThat(delivered).isEmpty();
    }
}
