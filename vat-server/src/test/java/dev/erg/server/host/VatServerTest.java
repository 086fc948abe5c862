package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.FreePort;
import dev.erg.server.Snapshot;
import dev.erg.server.admin.Admin;
import dev.erg.server.admin.AdminProtocol;
import dev.erg.server.admin.ServerStatus;
import dev.erg.server.admin.SturdyListing;
import dev.erg.server.admin.VatStatus;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.services.Counter;
import dev.erg.server.services.CounterMaker;
import dev.erg.server.services.Greeter;
import dev.erg.server.services.GreeterMaker;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.server.store.DirLock;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Ref;
import dev.erg.vat.RefKind;
import dev.erg.wire.PassableRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VatServerTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new CounterMaker(), new GreeterMaker()));

    @TempDir
    Path tmp;

    private CapTpClient client;

    @BeforeEach
    void client() throws Exception {
        PassableRegistry.Builder registry = PassableRegistry.builder();
        AdminProtocol.PASSABLES.forEach(registry::add);
        client = CapTpClient.start(registry.build(), Duration.ofSeconds(15));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private DataDir dataDir(String listen) throws SetupException {
        return DataDir.init(tmp.resolve("data"), """
                listen = %s
                service.counter = counter
                service.hello = greeter
                """.formatted(listen), null);
    }


    @Test
    void hostsEachServiceBehindASturdyRefAndTidiesUpWhenClosed() throws Exception {
        DataDir dir = dataDir("127.0.0.1:0");
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            assertThat(server.services()).extracting(HostedService::name).containsExactly("counter", "hello");
            Counter counter = client.connect(server.services().get(0).sturdyRef(), Counter.class);
            Greeter greeter = client.connect(server.services().get(1).sturdyRef(), Greeter.class);
            assertThat(client.await(counter.increment(2))).isEqualTo(2L);
            assertThat(client.await(counter.increment(40))).isEqualTo(42L);
            assertThat(client.await(greeter.greet("Ada"))).isEqualTo("Hello, Ada!");

            assertThat(Files.readString(dir.adminRefFile()).strip()).isEqualTo(server.adminRef().toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.adminRefFile()))).isEqualTo("rw-------");
            assertThat(dir.tryLock()).as("the running server holds the lock").isEmpty();
        }
        assertThat(dir.adminRefFile()).doesNotExist();
        try (DirLock lock = dir.tryLock().orElseThrow()) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void sturdyRefsSurviveARestartAndRevokedOnesDoNot() throws Exception {
        DataDir dir = dataDir("127.0.0.1:" + FreePort.pick());
        SturdyRef minted;
        SturdyRef revoked;
        SturdyRef first;
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            first = server.services().get(0).sturdyRef();
            Admin admin = client.connect(server.adminRef(), Admin.class);
            minted = SturdyRef.parse(client.await(admin.mint("counter")));
            revoked = SturdyRef.parse(client.await(admin.mint("hello")));
            assertThat(client.await(admin.revoke(revoked.toString()))).isTrue();
            assertThat(client.await(admin.revoke(revoked.toString()))).isFalse();
            assertThat(client.await(admin.list())).extracting(SturdyListing::sturdyRef)
                    .contains(first.toString(), minted.toString())
                    .doesNotContain(revoked.toString());
        }
        try (VatServer again = VatServer.start(dir, null, MAKERS)) {
            assertThat(again.services().get(0).sturdyRef()).as("the same ref is printed at each start").isEqualTo(first);
            assertThat(again.adminRef()).as("the admin ref is new at each start").isNotEqualTo(minted);
            Counter viaMinted = client.connect(minted, Counter.class);
            assertThat(client.await(viaMinted.increment(1))).isEqualTo(1L);
            assertThatThrownBy(() -> client.connect(revoked, Greeter.class))
                    .isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo("NotFound");
        }
    }

    @Test
    void revokingARevocableRefLiveCutsTheReferencesFetchedThroughItAndNoOthers() throws Exception {
        DataDir dir = dataDir("127.0.0.1:0");
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            Admin admin = client.connect(server.adminRef(), Admin.class);
            SturdyRef partner = SturdyRef.parse(client.await(admin.mintRevocable("counter")));
            SturdyRef plain = SturdyRef.parse(client.await(admin.mint("counter")));
            assertThat(client.await(admin.list()))
                    .contains(new SturdyListing("counter", partner.toString(), true),
                            new SturdyListing("counter", plain.toString(), false));
            Counter viaPartner = client.connect(partner, Counter.class);
            Counter direct = client.connect(plain, Counter.class);
            assertThat(client.await(viaPartner.increment(1))).isEqualTo(1L);
            assertThat(client.await(direct.increment(1))).as("both reach the one service").isEqualTo(2L);

            assertThatThrownBy(() -> client.await(admin.revokeLive(plain.toString())))
                    .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo(Admin.NOT_REVOCABLE);
            assertThat(client.await(direct.increment(1))).as("a refused --live leaves the ref in force").isEqualTo(3L);

            assertThat(client.await(admin.revokeLive(partner.toString()))).isTrue();
            assertThatThrownBy(() -> client.await(viaPartner.increment(1)))
                    .isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).problem())
                    .isEqualTo(Problem.of(Problem.REVOKED, "revoked: the sturdy ref they were obtained through was revoked"));
            assertThatThrownBy(() -> client.connect(partner, Counter.class))
                    .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo("NotFound");
            assertThat(client.await(direct.increment(1))).as("other holders keep their access").isEqualTo(4L);
        }
        try (VatServer again = VatServer.start(dir, null, MAKERS)) {
            Admin admin = client.connect(again.adminRef(), Admin.class);
            SturdyRef kept = SturdyRef.parse(client.await(admin.mintRevocable("hello")));
            assertThat(client.await(client.connect(kept, Greeter.class).greet("Ada"))).isEqualTo("Hello, Ada!");
        }
        try (VatServer third = VatServer.start(dir, null, MAKERS)) {
            Admin admin = client.connect(third.adminRef(), Admin.class);
            SturdyListing kept = client.await(admin.list()).stream().filter(SturdyListing::revocable).findFirst().orElseThrow();
            Greeter greeter = client.connect(SturdyRef.parse(kept.sturdyRef()), Greeter.class);
            assertThat(client.await(greeter.greet("Bo"))).as("a revocable ref is served so again after a restart")
                    .isEqualTo("Hello, Bo!");
            assertThat(client.await(admin.revokeLive(kept.sturdyRef()))).isTrue();
            assertThatThrownBy(() -> client.await(greeter.greet("Cy")))
                    .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo(Problem.REVOKED);
        }
    }

    @Test
    void theAdminObjectRefusesWhatItCannotDo() throws Exception {
        try (VatServer server = VatServer.start(dataDir("127.0.0.1:0"), null, MAKERS)) {
            Admin admin = client.connect(server.adminRef(), Admin.class);
            assertThatThrownBy(() -> client.await(admin.mint("shop")))
                    .extracting(e -> ((ProblemException) e).problem())
                    .isEqualTo(new Problem(Admin.NO_SUCH_SERVICE, "no service called \"shop\" is hosted (hosted: counter, hello)"));
            assertThatThrownBy(() -> client.await(admin.revoke(server.adminRef().toString())))
                    .extracting(e -> ((ProblemException) e).problem().kind()).isEqualTo(Admin.BAD_STURDY_REF);
            assertThatThrownBy(() -> client.await(admin.revoke("captp://nothing")))
                    .extracting(e -> ((ProblemException) e).problem().message())
                    .isEqualTo("sturdy ref captp://nothing: no '@' after the vat id");
            assertThat(client.await(admin.list())).hasSize(2);

            Counter counter = client.connect(server.services().get(0).sturdyRef(), Counter.class);
            client.await(counter.increment(1));
            ServerStatus status = client.await(admin.status());
            assertThat(status.vatId()).isEqualTo(server.adminRef().vatId().toString());
            assertThat(status.address()).isEqualTo("127.0.0.1:" + server.address().getPort());
            assertThat(status.sessions()).isEqualTo(1);
            assertThat(status.vats()).extracting(VatStatus::name).containsExactly("counter", "hello");
            // The counter has had its increment, and a describe would count as a message too.
            assertThat(status.vats().get(0).messages()).isEqualTo(1);
            assertThat(status.vats().get(0).turns()).isEqualTo(1);
        }
    }

    @Test
    void metricsAreServedOnLoopbackWhenConfigured() throws Exception {
        int port = FreePort.pick();
        DataDir dir = DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nmetrics.port = " + port
                + "\nservice.counter = counter\n", null);
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(server.metricsPort()).contains(port);
            Counter counter = client.connect(server.services().get(0).sturdyRef(), Counter.class);
            client.await(counter.increment(1));
            String scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scraped)
                    .contains("erg_vat_messages_total{vat=\"counter\"} 1.0")
                    .contains("erg_sessions 1.0")
                    .contains("erg_vat_turn_seconds_count{vat=\"counter\"} 1");
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the metrics port is let go at close").isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsOneLineAndChangesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            DataDir dir = dataDir("127.0.0.1:" + taken.getLocalPort());
            Snapshot before = Snapshot.of(dir.root());
            assertThatThrownBy(() -> VatServer.start(dir, null, MAKERS))
                    .isInstanceOf(SetupException.class)
                    .hasMessage("127.0.0.1:" + taken.getLocalPort() + " is in use (listen, in " + dir.root().resolve("erg-server.conf")
                            + "); stop what uses it, or choose another port");
            assertThat(Snapshot.of(dir.root())).isEqualTo(before);
            try (DirLock released = dir.tryLock().orElseThrow()) {
                assertThat(released).as("a failed start lets go of the directory").isNotNull();
            }
        }
    }

    @Test
    void oneDirectoryServesOneServer() throws Exception {
        DataDir dir = dataDir("127.0.0.1:0");
        try (VatServer server = VatServer.start(dir, null, MAKERS)) {
            assertThatThrownBy(() -> VatServer.start(dir, null, MAKERS))
                    .hasMessage(dir.root() + " is in use by a running vat-server; stop it first, or ask it with"
                            + " `vat-server status --data " + dir.root() + "`");
            assertThat(server.sessionCount()).isZero();
        }
    }

    @Test
    void aMakerThatReturnsANearObjectIsNamed() throws Exception {
        ServiceMaker careless = new ServiceMaker() {
            @Override
            public String name() {
                return "careless";
            }

            @Override
            public Object make(ServiceContext context) {
                return (Greeter) null;
            }
        };
        DataDir dir = DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.x = careless\n", null);
        assertThatThrownBy(() -> VatServer.start(dir, null, ServiceRegistry.of(List.of(careless))))
                .hasMessage("service maker careless returned null (expected: context.vat().export(object, Interface.class))");
        assertThat(dir.adminRefFile()).doesNotExist();
    }

    @Test
    void peersAreToldTheServerIsShuttingDown() throws Exception {
        Counter counter;
        try (VatServer server = VatServer.start(dataDir("127.0.0.1:0"), null, MAKERS)) {
            counter = client.connect(server.services().get(0).sturdyRef(), Counter.class);
            client.await(counter.increment(1));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Ref.kind(counter) != RefKind.BROKEN && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Problem why = Ref.problem(counter);
        assertThat(why).isNotNull();
        assertThat(why.kind()).isEqualTo(Problem.UNAVAILABLE);
        assertThat(why.message()).endsWith("peer aborted: " + VatServer.SHUTDOWN_REASON);
    }
}
