package dev.erg.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.config.SetupException;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.PeerStatus;
import dev.erg.vat.PeerFault;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    public interface Echo {
        Promise<String> echo(String text);
    }

    @Test
    void countsMessagesTurnsAndQueueDepthOfTrackedVats() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        try (VatRuntime runtime = VatRuntime.builder().threads(2).observer(metrics).build()) {
            Vat echoes = runtime.newVat("echoes");
            Vat untracked = runtime.newVat("other");
            metrics.track(echoes, "echoes");
            metrics.trackSessions(() -> 3, runtime::vatCount);
            CountDownLatch release = new CountDownLatch(1);
            Echo echo = echoes.export(text -> Promise.of(text), Echo.class);

            // The vat is held in a turn while three messages queue behind it.
            echoes.run(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Promise<String> a = echo.echo("a");
            echo.echo("b");
            echo.echo("c");
            untracked.call(() -> 1).join(Duration.ofSeconds(5));
            assertThat(metrics.queueDepth(echoes)).as("the turn running and the three behind it").isEqualTo(4);
            release.countDown();
            a.join(Duration.ofSeconds(5));
            echo.echo("d").join(Duration.ofSeconds(5));
            // The answer settles inside the last turn, just before the turn is told to have run.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (metrics.queueDepth(echoes) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }

            assertThat(metrics.queueDepth(echoes)).isZero();
            assertThat(metrics.messages(echoes)).isEqualTo(4);
            assertThat(metrics.turns(echoes)).isEqualTo(5);
            assertThat(metrics.turns(untracked)).as("untracked vats cost nothing and show nothing").isZero();
            String scraped = metrics.scrape();
            assertThat(scraped)
                    .contains("erg_vat_messages_total{vat=\"echoes\"} 4.0")
                    .contains("erg_vat_turn_seconds_count{vat=\"echoes\"} 5")
                    .contains("erg_vat_turn_seconds_bucket{vat=\"echoes\",le=")
                    .contains("erg_vat_queue_depth{vat=\"echoes\"} 0.0")
                    .contains("erg_sessions 3.0")
                    .contains("erg_messages_sent_total")
                    .contains("erg_sessions_lost_total 0.0")
                    .doesNotContain("vat=\"other\"");
        }
    }

    @Test
    void peerFaultsAreCountedByKind() {
        ServerMetrics metrics = new ServerMetrics();
        try (VatRuntime runtime = VatRuntime.builder().threads(1).build()) {
            Echo failing = runtime.newVat("failing").export(text -> {
                throw new IllegalArgumentException("no " + text);
            }, Echo.class);
            for (int i = 0; i < 3; i++) {
                Promise<String> answer = failing.echo("x" + i);
                assertThatThrownBy(() -> answer.join(Duration.ofSeconds(5))).isInstanceOf(ProblemException.class);
            }
        }
        assertThat(PeerFault.METHOD_THREW.count()).isGreaterThanOrEqualTo(3);

        String scraped = metrics.scrape();

        assertThat(scraped)
                .contains("# TYPE erg_peer_faults_total counter")
                .contains("erg_peer_faults_total{kind=\"method-threw\"} " + PeerFault.METHOD_THREW.count() + ".0")
                .contains("erg_peer_faults_total{kind=\"protocol\"} ")
                .contains("erg_peer_faults_total{kind=\"handshake\"} ");
    }

    @Test
    void theEndpointServesPrometheusTextOnLoopback() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, port);
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(got.body()).contains("# TYPE erg_sessions_lost_total counter");

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(405);

            assertThatThrownBy(() -> MetricsEndpoint.start(metrics, endpoint.port()))
                    .isInstanceOf(SetupException.class)
                    .hasMessage("metrics.port " + port + " on 127.0.0.1 is in use; choose another metrics.port in the"
                            + " configuration, or stop what uses it");
        }
    }

    @Test
    void keepsRecentTurnsAndTheirDecadesOfTrackedVats() {
        ServerMetrics metrics = new ServerMetrics();
        try (VatRuntime runtime = VatRuntime.builder().threads(1).observer(metrics).build()) {
            Vat echoes = runtime.newVat("echoes");
            Vat untracked = runtime.newVat("other");
            metrics.track(echoes, "echoes");
            Echo echo = echoes.export(text -> Promise.of(text), Echo.class);
            for (int i = 0; i < 3; i++) {
                echo.echo("x" + i).join(Duration.ofSeconds(5));
            }
            untracked.call(() -> 1).join(Duration.ofSeconds(5));

            assertThat(metrics.recentTurns(echoes)).extracting(RecentTurn::number).startsWith(3L, 2L, 1L);
            assertThat(metrics.turnDecades(echoes)).hasSize(7);
            assertThat(metrics.turnDecades(echoes).stream().mapToLong(Long::longValue).sum()).isEqualTo(metrics.turns(echoes));
            assertThat(metrics.recentTurns(untracked)).isEmpty();
            assertThat(metrics.turnDecades(untracked)).isEmpty();
        }
    }

    @Test
    void sessionMetersFollowTheLiveSessions() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        VatId alice = VatIdentity.generate(new SecureRandom()).vatId();
        VatId bob = VatIdentity.generate(new SecureRandom()).vatId();
        AtomicReference<List<PeerStatus>> live = new AtomicReference<>(List.of(
                new PeerStatus(alice, 7, 5, 1, 2, 3, 4), new PeerStatus(bob, 1, 1, 0, 0, 0, 0)));
        metrics.trackPeers(live::get);

        assertThat(metrics.scrape())
                .contains("erg_session_messages_received_total{peer=\"" + alice + "\"} 7.0")
                .contains("erg_session_messages_sent_total{peer=\"" + alice + "\"} 5.0")
                .contains("erg_session_table_entries{peer=\"" + alice + "\",table=\"exports\"} 1.0")
                .contains("erg_session_table_entries{peer=\"" + alice + "\",table=\"imports\"} 2.0")
                .contains("erg_session_table_entries{peer=\"" + alice + "\",table=\"questions\"} 3.0")
                .contains("erg_session_table_entries{peer=\"" + alice + "\",table=\"answers\"} 4.0")
                .contains("peer=\"" + bob + "\"");

        live.set(List.of(new PeerStatus(alice, 9, 6, 1, 0, 0, 0)));

        assertThat(metrics.scrape())
                .contains("erg_session_messages_received_total{peer=\"" + alice + "\"} 9.0")
                .contains("erg_session_table_entries{peer=\"" + alice + "\",table=\"imports\"} 0.0")
                .as("a session that ended has no meters left").doesNotContain(bob.toString());
    }

    @Test
    void brokenPromisesAreCountedByTheKindOfTheirProblem() {
        ServerMetrics metrics = new ServerMetrics();
        String kind = "InspectTestBroken";
        try (VatRuntime runtime = VatRuntime.builder().threads(1).build()) {
            Echo refusing = runtime.newVat("refusing").export(text -> Promise.broken(Problem.of(kind, "no %s", text)),
                    Echo.class);
            for (int i = 0; i < 2; i++) {
                Promise<String> answer = refusing.echo("x" + i);
                assertThatThrownBy(() -> answer.join(Duration.ofSeconds(5))).isInstanceOf(ProblemException.class);
            }
        }

        // Each call breaks two promises by the problem given: the method's own, and the caller's answer.
        assertThat(metrics.scrape()).contains("erg_promises_broken_total{kind=\"" + kind + "\"} 4.0");
    }
}
