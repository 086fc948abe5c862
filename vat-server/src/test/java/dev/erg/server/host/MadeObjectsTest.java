package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable objects made by turns: each gets a sturdy ref that designates it across restarts. */
class MadeObjectsTest {

    /** Opens accounts, each a durable object of its own. */
    public interface Branch {
        Promise<String> open(long deposit);

        Promise<String> openUnbound();

        Promise<Long> opened();
    }

    /** One account. */
    public interface Account {
        Promise<Long> deposit(long amount);

        Promise<Long> balance();
    }

    record BranchState(long opened) {
    }

    record AccountState(long balance) {
    }

    static final class AccountCode implements Account {
        private final Self<AccountState> self;

        AccountCode(Self<AccountState> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> deposit(long amount) {
            self.update(new AccountState(self.state().balance() + amount));
            return Promise.of(self.state().balance());
        }

        @Override
        public Promise<Long> balance() {
            return Promise.of(self.state().balance());
        }
    }

    static final Kind<AccountState, Account> ACCOUNT =
            new Kind<>("account", AccountState.class, Account.class, AccountCode::new);
    static final Kind<AccountState, Account> UNBOUND =
            new Kind<>("unbound-account", AccountState.class, Account.class, AccountCode::new);

    static final class BranchCode implements Branch {
        private final Self<BranchState> self;

        BranchCode(Self<BranchState> self) {
            this.self = self;
        }

        @Override
        public Promise<String> open(long deposit) {
            self.update(new BranchState(self.state().opened() + 1));
            return Promise.of(self.create(ACCOUNT, new AccountState(deposit)).toString());
        }

        @Override
        public Promise<String> openUnbound() {
            self.update(new BranchState(self.state().opened() + 1));
            return Promise.of(self.create(UNBOUND, new AccountState(0)).toString());
        }

        @Override
        public Promise<Long> opened() {
            return Promise.of(self.state().opened());
        }
    }

    static final Kind<BranchState, Branch> BRANCH =
            new Kind<>("branch", BranchState.class, Branch.class, BranchCode::new);

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new ServiceMaker() {
        @Override
        public String name() {
            return "branch";
        }

        @Override
        public Object make(ServiceContext context) {
            context.durables().bind(ACCOUNT);
            return context.durables().root(BRANCH, () -> new BranchState(0));
        }
    }));

    @TempDir
    Path tmp;

    @Test
    void anObjectMadeByATurnKeepsItsSturdyRefAndStateAcrossRestarts() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:%d
                service.branch = branch
                """.formatted(freePort()), null);
        SturdyRef alice;
        SturdyRef bob;
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            Branch branch = client.connect(server.services().getFirst().sturdyRef(), Branch.class);
            alice = SturdyRef.parse(client.await(branch.open(100)));
            bob = SturdyRef.parse(client.await(branch.open(5)));
            assertThat(alice).isNotEqualTo(bob);
            assertThat(client.await(client.connect(alice, Account.class).deposit(20))).isEqualTo(120L);
            assertThat(client.await(client.connect(bob, Account.class).balance())).isEqualTo(5L);
        }
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            assertThat(client.await(client.connect(alice, Account.class).balance())).isEqualTo(120L);
            assertThat(client.await(client.connect(bob, Account.class).deposit(1))).isEqualTo(6L);
            Branch branch = client.connect(server.services().getFirst().sturdyRef(), Branch.class);
            assertThat(client.await(branch.opened())).isEqualTo(2L);
        }
    }

    @Test
    void aTurnMayNotMakeAnObjectOfAKindItsServiceDidNotBind() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.branch = branch\n", null);
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            Branch branch = client.connect(server.services().getFirst().sturdyRef(), Branch.class);
            assertThatThrownBy(() -> client.await(branch.openUnbound()))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().kind()).isEqualTo(Problem.EXCEPTION);
                        assertThat(e.problem().message()).contains("kind unbound-account is not bound");
                    });
            assertThat(client.await(branch.opened())).as("the failed turn changed nothing").isZero();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
