package dev.erg.server.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.server.client.CapTpClient;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.GreeterMaker;
import dev.erg.server.store.DataDir;
import dev.erg.wire.PassableRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InspectorEndpointTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new CounterMaker(), new GreeterMaker()));

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSnapshotShowsTheVatsAndTheSessionOfAClientThatCalled() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                inspector.port = 0
                service.counter = counter
                service.hello = greeter
                """, null);
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             CapTpClient client = CapTpClient.start(PassableRegistry.builder().build(), Duration.ofSeconds(15))) {
            String url = server.inspectorUrl().orElseThrow();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/inspector/[A-Za-z0-9_-]{43}/");
            assertThat(Files.readString(dir.inspectorUrlFile()).strip()).isEqualTo(url);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.inspectorUrlFile())))
                    .isEqualTo("rw-------");
            Counter counter = client.connect(server.services().getFirst().sturdyRef(), Counter.class);
            for (int i = 1; i <= 3; i++) {
                assertThat(client.await(counter.increment(1))).isEqualTo(i);
            }

            HttpResponse<String> got = get(url + "snapshot.json");

            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(got.headers().firstValue("Cache-Control")).contains("no-store");
            JsonNode snapshot = JsonMapper.builder().build().readTree(got.body());
            assertThat(snapshot.get("server").get("vatId").asString()).isEqualTo(server.adminRef().vatId().toString());
            assertThat(snapshot.get("vats").findValuesAsString("name")).containsExactly("counter", "hello");
            JsonNode counterVat = snapshot.get("vats").get(0);
            assertThat(counterVat.get("messagesIn").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(counterVat.get("turns").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(counterVat.get("turnDecades").size()).isEqualTo(7);
            assertThat(counterVat.get("recentTurns").size()).isGreaterThanOrEqualTo(3);
            assertThat(snapshot.get("peers").size()).isEqualTo(1);
            JsonNode peer = snapshot.get("peers").get(0);
            assertThat(peer.get("messagesIn").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(peer.get("messagesOut").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(peer.get("exports").asInt()).as("the counter the client holds").isGreaterThanOrEqualTo(1);
            assertThat(snapshot.get("store").get("state").asString()).isEqualTo("up");
            assertThat(snapshot.get("outboxesRead").asBoolean()).isTrue();
        }
        assertThat(dir.inspectorUrlFile()).as("removed when the server stops").doesNotExist();
    }

    @Test
    void onlyTheCapabilityUrlAnswersAndOnlyToGet() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                inspector.port = 0
                service.counter = counter
                """, null);
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            String url = server.inspectorUrl().orElseThrow();
            String root = url.substring(0, url.indexOf(InspectorEndpoint.PREFIX));
            String secret = url.substring(root.length() + InspectorEndpoint.PREFIX.length(), url.length() - 1);
            String wrong = (secret.charAt(0) == 'A' ? 'B' : 'A') + secret.substring(1);

            HttpResponse<String> page = get(url);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    policy -> assertThat(policy).contains("default-src 'none'", "script-src 'self'"));
            assertThat(page.body()).contains("<script src=\"inspector.js\"");
            assertThat(get(url + "inspector.js").statusCode()).isEqualTo(200);
            assertThat(get(url + "inspector.css").statusCode()).isEqualTo(200);
            assertThat(get(url + "favicon.svg").statusCode()).isEqualTo(200);

            for (String refused : List.of(root + "/", root + "/metrics", root + InspectorEndpoint.PREFIX,
                    root + InspectorEndpoint.PREFIX + secret, root + InspectorEndpoint.PREFIX + wrong + "/",
                    root + InspectorEndpoint.PREFIX + wrong + "/snapshot.json",
                    root + InspectorEndpoint.PREFIX + secret.substring(1) + "/snapshot.json",
                    url + "nothing-here", url + "../" + secret + "/snapshot.json")) {
                HttpResponse<String> got = get(refused);
                assertThat(got.statusCode()).as(refused).isEqualTo(404);
                assertThat(got.body()).as(refused).isEmpty();
            }

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "snapshot.json"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(405);
            assertThat(posted.headers().firstValue("Allow")).contains("GET");
        }
    }

    @Test
    void aServerWithoutInspectorPortServesNone() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                service.counter = counter
                """, null);
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            assertThat(server.inspectorUrl()).isEmpty();
            assertThat(dir.inspectorUrlFile()).doesNotExist();
        }
    }
}
