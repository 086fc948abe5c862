package dev.erg.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFileTest {

    private static final TraceContext CONTEXT = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void aTraceparentReadsBackAsWrittenAndItsBytesAreTheWireForm() {
        assertThat(CONTEXT.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(CONTEXT.sampled()).isTrue();
        assertThat(TraceContext.fromBytes(CONTEXT.toBytes())).isEqualTo(CONTEXT);
        assertThat(CONTEXT.toBytes()).hasSize(TraceContext.BYTES).startsWith(0x4b, 0xf9).endsWith(0xb7, 0x01);
    }

    @Test
    void malformedContextsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .hasMessageContaining("expected: 00-");
        assertThatThrownBy(() -> TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e473x-00f067aa0ba902b7-01"))
                .hasMessageContaining("hex");
        assertThatThrownBy(() -> TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .hasMessageContaining("all zeros");
        assertThatThrownBy(() -> TraceContext.fromBytes(new byte[24])).hasMessageContaining("length: 24");
    }

    @Test
    void eventsWrittenToAFileReadBackEqualEvenWithTabsAndNewlinesInTheirText(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("vat.trace");
        List<TraceEvent> events = List.of(
                new TraceEvent(TraceEvent.Kind.SEND, "alice", CONTEXT, 0, 0, "Auction.bid", "", "", 0),
                new TraceEvent(TraceEvent.Kind.END, "auction", CONTEXT, 0, 0, "", "", "", 1234),
                new TraceEvent(TraceEvent.Kind.BREAK, "bank\tvault", CONTEXT, 7, 9, "", "Insufficient",
                        "wanted\n500 \\ holds 100", 0));
        try (TraceFile file = TraceFile.append(path)) {
            events.forEach(file::accept);
        }
        assertThat(TraceFile.read(path)).isEqualTo(events);
        assertThat(Files.readAllLines(path)).hasSize(3);
    }

    @Test
    void aLineThatIsNotAnEventIsRefusedNamingTheFileAndLine(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("bad.trace");
        Files.writeString(path, TraceFile.format(new TraceEvent(TraceEvent.Kind.BEGIN, "v", CONTEXT, 0, 0, "run", "",
                "", 0)) + "\nsend\tv\tnonsense\n");
        assertThatThrownBy(() -> TraceFile.read(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.trace:2").hasMessageContaining("fields: 3 (expected: 9)");
    }
}
