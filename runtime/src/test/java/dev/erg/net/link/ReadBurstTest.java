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
 * A short burst is held to the read's end and its turns run on the reading thread; a long one
 * is handed over as it comes and its turns run on the vat's own thread; frames keep their order
 * and are released once.
 */
class ReadBurstTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The time an I/O thread gives a vat's turns (HereTurns), past which the rest go to the pool. */
    private static final long BUDGET_NANOS = 500_000;

    private final VatRuntime runtime = VatRuntime.builder().threads(1).build();
    private final Vat vat = runtime.newVat("target");
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
     * gives a vat's turns 0.5 ms, and a first turn that loads code can overrun that alone.
     */
    @BeforeEach
    void warmUp() {
        int n = ReadBurst.HELD;
        assertThat(vat.call(() -> turnOf(n)).join(WAIT)).startsWith(n + " on erg-vat-");
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
        String here = Thread.currentThread().getName();
        if (took < BUDGET_NANOS) {
            assertThat(turns).containsExactlyElementsOf(
                    IntStream.range(0, ReadBurst.HELD).mapToObj(i -> i + " on " + here).toList());
        } else {
            // Preempted past the I/O thread's budget for a vat: the rest went to the vat's thread, in order.
            assertThat(turns.getFirst()).isEqualTo("0 on " + here);
            vat.call(() -> null).join(WAIT);
            assertThat(turns).extracting(t -> Integer.parseInt(t.substring(0, t.indexOf(' '))))
                    .containsExactlyElementsOf(IntStream.range(0, ReadBurst.HELD).boxed().toList());
        }
    }

    @Test
    void aLongBurstIsHandedOverAsItComesAndItsTurnsRunOnTheVatsThread() {
        int count = ReadBurst.HELD + 5;
        List<ByteBuf> frames = frames(count);
        List<Boolean> first = read(frames);
        // Past the held ones, every frame was handed over before the read's end.
        assertThat(delivered).hasSize(count);
        burst.end();
        vat.call(() -> null).join(WAIT);

        assertThat(first.getFirst()).isTrue();
        assertThat(first.subList(1, count)).containsOnly(false);
        assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(frames).allSatisfy(f -> assertThat(f.refCnt()).isZero());
        assertThat(turns).hasSize(count).allSatisfy(t -> assertThat(t).contains(" on erg-vat-"));
        assertThat(turns.stream().map(t -> Integer.parseInt(t.substring(0, t.indexOf(' '))))).isSorted();
    }

    @Test
    void theNextReadStartsAfreshAfterALongOne() {
        read(frames(ReadBurst.HELD + 1));
        burst.end();
        vat.call(() -> null).join(WAIT);
        delivered.clear();
        turns.clear();

        List<Boolean> first = read(frames(2));

        assertThat(first).containsExactly(true, false);
        assertThat(delivered).isEmpty();
        burst.end();
        assertThat(delivered).containsExactly(0, 1);
        String here = Thread.currentThread().getName();
        assertThat(turns).containsExactly("0 on " + here, "1 on " + here);
    }

    @Test
    void endingAReadThatHoldsNothingDoesNothing() {
        burst.end();
        burst.end();
        assertThat(delivered).isEmpty();
    }
}
