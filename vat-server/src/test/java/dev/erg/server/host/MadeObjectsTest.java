package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.FreePort;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Replies;
import dev.erg.server.durable.Reply;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

        /** Deposits {@code amount} in every account by durable sends; answers how many were sent. */
        Promise<Long> payEach(long amount);

        /** How many of those deposits have been answered. */
        Promise<Long> paid();
    }

    /** One account. */
    public interface Account {
        Promise<Long> deposit(long amount);

        Promise<Long> balance();
    }

    record BranchState(long opened, List<String> accounts, long paid) {
        BranchState {
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
        }
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

    static final class BranchCode implements Branch, Replies {
        private final Self<BranchState> self;

        BranchCode(Self<BranchState> self) {
            this.self = self;
        }

        @Override
        public Promise<String> open(long deposit) {
            String ref = self.create(ACCOUNT, new AccountState(deposit)).toString();
            BranchState s = self.state();
            List<String> accounts = new ArrayList<>(s.accounts());
            accounts.add(ref);
            self.update(new BranchState(s.opened() + 1, accounts, s.paid()));
            return Promise.of(ref);
        }

        @Override
        public Promise<String> openUnbound() {
            BranchState s = self.state();
            self.update(new BranchState(s.opened() + 1, s.accounts(), s.paid()));
            return Promise.of(self.create(UNBOUND, new AccountState(0)).toString());
        }

        @Override
        public Promise<Long> payEach(long amount) {
            for (String account : self.state().accounts()) {
                self.send(SturdyRef.parse(account), "deposit", amount);
            }
            return Promise.of((long) self.state().accounts().size());
        }

        @Override
        public Promise<Long> paid() {
            return Promise.of(self.state().paid());
        }

        @Override
        public void reply(Reply reply) {
            if (reply.ok()) {
                BranchState s = self.state();
                self.update(new BranchState(s.opened(), s.accounts(), s.paid() + 1));
            }
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
            return context.durables().root(BRANCH, () -> new BranchState(0, List.of(), 0));
        }
    }));

    @TempDir
    Path tmp;

    @Test
    void anObjectMadeByATurnKeepsItsSturdyRefAndStateAcrossRestarts() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:%d
                service.branch = branch
                """.formatted(FreePort.pick()), null);
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
    void durableSendsReachObjectsOfTheSameVat() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), "listen = 127.0.0.1:0\nservice.branch = branch\n", null);
        try (VatServer server = VatServer.start(dir, null, MAKERS);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            Branch branch = client.connect(server.services().getFirst().sturdyRef(), Branch.class);
            SturdyRef alice = SturdyRef.parse(client.await(branch.open(100)));
            SturdyRef bob = SturdyRef.parse(client.await(branch.open(5)));
            assertThat(client.await(branch.payEach(7))).isEqualTo(2L);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.await(branch.paid()) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.await(branch.paid())).as("answers to both deposits").isEqualTo(2L);
            assertThat(client.await(client.connect(alice, Account.class).balance())).isEqualTo(107L);
            assertThat(client.await(client.connect(bob, Account.class).balance())).isEqualTo(12L);
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

}
