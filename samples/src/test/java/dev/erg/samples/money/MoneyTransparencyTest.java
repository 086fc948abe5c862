package dev.erg.samples.money;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Outcome;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Settle;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money story with the bank, Alice and Bob in one JVM, each behind its own node over TLS,
 * and on the deterministic scheduler: the mint should recognise its own purses and refuse an
 * overdraft and a forgery alike in every mode.
 */
class MoneyTransparencyTest {

    /** Bob's side: keeps a purse of his own and takes payments into it. */
    public interface Payee {
        Promise<Long> open(Purse purse);

        Promise<Long> accept(long amount, Purse payment);

        Promise<Long> balance();
    }

    static final class Wallet implements Payee {
        private Purse mine;

        @Override
        public Promise<Long> open(Purse purse) {
            mine = purse;
            return purse.balance();
        }

        @Override
        public Promise<Long> accept(long amount, Purse payment) {
            return mine.deposit(amount, payment);
        }

        @Override
        public Promise<Long> balance() {
            return mine.balance();
        }
    }

    /** A purse that claims to hold a fortune. */
    static final class Counterfeit implements Purse {
        @Override
        public Promise<Long> balance() {
            return Promise.of(1_000_000L);
        }

        @Override
        public Promise<Purse> sprout() {
            return Promise.of(this);
        }

        @Override
        public Promise<Long> deposit(long amount, Purse source) {
            return Promise.of(1_000_000L);
        }
    }

    private static final String STORY = "story";

    /** The sample's own story: purses are passed once they are resolved. */
    private static final Scenario PAYMENT = Scenario.of("money: Alice pays Bob with resolved purses", (w, out) -> {
        Mint mint = w.share("bank", new Currency("credits"), Mint.class, "alice");
        Payee bob = w.share("bob", new Wallet(), Payee.class, "alice");
        Vat alice = w.vat("alice");
        Purse forged = alice.export(new Counterfeit(), Purse.class);
        return alice.callPromise(() -> mint.makePurse(100).thenCompose(alicePurse -> mint.makePurse(0).thenCompose(
                bobPurse -> step(out, bob.open(bobPurse))
                        .thenCompose(x -> alicePurse.sprout())
                        .thenCompose(payment -> step(out, payment.deposit(30, alicePurse))
                                .thenCompose(x -> step(out, bob.accept(30, payment))))
                        .thenCompose(x -> step(out, bob.accept(500, alicePurse)))
                        .thenCompose(x -> step(out, bob.accept(1, forged)))
                        .thenCompose(x -> step(out, mint.makePurse(-5)))
                        .thenCompose(x -> Settle.inOrder(out, STORY, List.of(alicePurse.balance(), bob.balance()))))));
    });

    /**
     * The same story with purses passed before they resolve (pipelining): whether the mint
     * sees its own purse then depends on whether the promise was shortened on the way.
     */
    private static final Scenario PIPELINED = Scenario.of("money: Alice pays Bob with pipelined purses", (w, out) -> {
        Mint mint = w.share("bank", new Currency("credits"), Mint.class, "alice");
        Payee bob = w.share("bob", new Wallet(), Payee.class, "alice");
        return w.vat("alice").callPromise(() -> {
            Purse alicePurse = mint.makePurse(100).as(Purse.class);
            Purse payment = alicePurse.sprout().as(Purse.class);
            return step(out, bob.open(mint.makePurse(0).as(Purse.class)))
                    .thenCompose(x -> step(out, payment.deposit(30, alicePurse)))
                    .thenCompose(x -> step(out, bob.accept(30, payment)))
                    .thenCompose(x -> Settle.inOrder(out, STORY, List.of(alicePurse.balance(), bob.balance())));
        });
    });

    private static final List<String> PAID = List.of(
            "fulfilled Long 0",
            "fulfilled Long 30",
            "fulfilled Long 30",
            "broken InsufficientFunds: cannot move 500 credits from a purse holding 70",
            "broken NotOurMoney: the source is not a purse of credits",
            "broken BadAmount: cannot mint -5 credits",
            "fulfilled Long 70",
            "fulfilled Long 30");

    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = new Harness(List.of(PAYMENT, PIPELINED));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static Promise<String> step(Outcome out, Promise<?> promise) {
        return Settle.describe(promise).then(line -> {
            out.add(STORY, line);
            return line;
        });
    }

    @Test
    void theStoryWithResolvedPursesEndsAlikeInOneJvmAndOverTls() {
        Verdict verdict = harness.check(PAYMENT);

        assertThat(verdict.outcomes().get(Mode.LOCAL).lines(STORY)).isEqualTo(PAID);
        Transparency.require(verdict);
    }

    @Test
    void theStoryWithPipelinedPursesEndsAlikeInOneJvmAndOverTls() {
        Transparency.require(harness.check(PIPELINED));
    }
}
