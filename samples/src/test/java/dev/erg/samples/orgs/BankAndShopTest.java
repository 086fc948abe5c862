package dev.erg.samples.orgs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.host.ServiceRegistry;
import dev.erg.server.host.VatServer;
import dev.erg.server.store.DataDir;
import dev.erg.vat.ProblemException;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bank and the shop on two vat-servers of this JVM: the paths the sample does not take. */
class BankAndShopTest {

    private static final ServiceRegistry MAKERS = ServiceRegistry.of(List.of(new BankMaker(), new ShopMaker()));

    @TempDir
    Path tmp;

    private VatServer acme;
    private VatServer brick;
    private CapTpClient client;
    private Bank bank;
    private Shop shop;

    @BeforeEach
    void start() throws Exception {
        acme = VatServer.start(DataDir.init(tmp.resolve("acme"), "listen = 127.0.0.1:0\nservice.bank = bank\n", null),
                null, MAKERS);
        brick = VatServer.start(DataDir.init(tmp.resolve("brick"), "listen = 127.0.0.1:0\nservice.shop = shop\n", null),
                null, MAKERS);
        client = CapTpClient.start(PassableRegistry.builder().add(Attempt.class).build(), Duration.ofSeconds(30));
        bank = client.connect(bankRef(), Bank.class);
        shop = client.connect(shopRef(), Shop.class);
    }

    @AfterEach
    void stop() {
        client.close();
        brick.close();
        acme.close();
    }

    private SturdyRef bankRef() {
        return acme.services().getFirst().sturdyRef();
    }

    private SturdyRef shopRef() {
        return brick.services().getFirst().sturdyRef();
    }

    private static String kindOf(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.problem().kind();
        }
        throw new AssertionError("the call was not refused");
    }

    @Test
    void aRefusedSaleLeavesTheMoneyInTheTreasury() {
        assertThat(kindOf(() -> client.await(bank.buy(shopRef().toString(), "widget"))))
                .as("the shop takes no payment before it has an account").isEqualTo("NotOpen");
        assertThat(client.await(bank.treasury())).as("the payment was taken back").isEqualTo(BankMaker.SUPPLY);

        assertThat(client.await(shop.acceptPaymentFrom(bankRef().toString()))).isEqualTo(BankMaker.CURRENCY);
        assertThat(kindOf(() -> client.await(bank.buy(shopRef().toString(), "sofa")))).isEqualTo("NoSuchItem");
        assertThat(client.await(bank.buy(shopRef().toString(), "bolt"))).isEqualTo("Brick sold a bolt for 2 acme dollars");
        assertThat(client.await(bank.treasury())).isEqualTo(BankMaker.SUPPLY - 2);
        assertThat(client.await(shop.takings())).isEqualTo(2);
    }

    @Test
    void theShopTrustsOneBankAndSaysWhenARefIsMalformed() {
        assertThat(kindOf(() -> client.await(shop.acceptPaymentFrom("captp://nonsense")))).isEqualTo("BadSturdyRef");
        assertThat(client.await(shop.acceptPaymentFrom(bankRef().toString()))).isEqualTo(BankMaker.CURRENCY);
        assertThat(kindOf(() -> client.await(shop.acceptPaymentFrom(bankRef().toString())))).isEqualTo("AlreadyAccepting");
        assertThat(kindOf(() -> client.await(shop.tryToMakeMoney()))).as("nothing to try with before a payment")
                .isEqualTo("NotOpen");
    }

    @Test
    void anAccountIsAnEmptyPurseOfTheCurrency() {
        assertThat(client.await(client.await(bank.openAccount()).balance())).isZero();
        assertThat(client.await(bank.treasury())).isEqualTo(BankMaker.SUPPLY);
    }
}
