package dev.erg.server.otel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.erg.server.metrics.ServerMetrics;
import dev.erg.trace.TraceEvent;
import dev.erg.trace.Tracer;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OtlpDeadCollectorTest {

    public interface Echo {
        Promise<Integer> echo(int n);
    }

    private static final int TURNS = 6_000;

    /** An endpoint where nothing listens: a port that was bound and closed. */
    private static URI deadEndpoint() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    void aCollectorThatIsDownCostsCountedSpansNotStuckTurnsNorALogFlood() throws Exception {
        List<LogRecord> printed = new CopyOnWriteArrayList<>();
        Handler console = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("io.opentelemetry")) {
                    printed.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(console);
        ch.qos.logback.classic.Logger serverLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SdkLog.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        serverLog.addAppender(lines);
        AtomicLong begun = new AtomicLong();
        OtlpConfig config = new OtlpConfig(deadEndpoint(), "down", Duration.ofMillis(300), Duration.ofMillis(50),
                Duration.ofMillis(20), false);
        OtlpExport export = OtlpExport.start(config, new ServerMetrics());
        try (VatRuntime runtime = VatRuntime.builder().threads(2).tracer(Tracer.builder().sink(event -> {
            if (event.kind() == TraceEvent.Kind.BEGIN) {
                begun.incrementAndGet();
            }
            export.spans().accept(event);
        }).build()).build()) {
            Vat echoes = runtime.newVat("echoes");
            Echo echo = echoes.export(Promise::of, Echo.class);
            long started = System.nanoTime();
            AtomicReference<Promise<Integer>> last = new AtomicReference<>();
            runtime.newVat("caller").call(() -> {
                for (int i = 0; i < TURNS; i++) {
                    last.set(echo.echo(i));
                }
                return TURNS;
            }).join(Duration.ofSeconds(5));
            assertThat(last.get().join(Duration.ofSeconds(5))).isEqualTo(TURNS - 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the turns, with the collector down")
                    .isLessThan(Duration.ofSeconds(3));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (export.droppedSpans() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(export.droppedSpans()).as("spans lost while the server runs").isGreaterThan(0);
            // Long enough for the metrics to fail to go out some twenty times.
            Thread.sleep(1_000);
        } finally {
            export.close();
            root.removeHandler(console);
            serverLog.detachAppender(lines);
        }
        assertThat(begun.get()).isGreaterThan(TURNS);
        assertThat(export.droppedSpans()).as("every span is lost, and each is counted once").isEqualTo(begun.get());
        assertThat(printed).as("nothing of the SDK's goes past the server's log").isEmpty();
        assertThat(lines.list).as("a line a minute, at most, for each part of the SDK that complains").hasSizeLessThanOrEqualTo(4);
    }
}
