package dev.erg.samples.money;

import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Alice pays Bob with purses from a bank she cannot forge. Three vats: the bank holds the
 * mint; Alice and Bob hold only purses. Every call between them is an eventual send.
 *
 * <p>Run it: {@code samples/run money}
 */
public final class MoneySample {

    private MoneySample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the story, printing each step to {@code out}; returns Bob's final balance. */
    static long run(PrintStream out) {
        try (VatRuntime runtime = VatRuntime.create()) {
            Vat bank = runtime.newVat("bank");
            Vat alice = runtime.newVat("alice");
            Vat bob = runtime.newVat("bob");

            // The bank keeps the mint. Alice and Bob are handed purses, never the mint.
            Mint mint = bank.export(new Currency("credits"), Mint.class);
            Purse alicePurse = mint.makePurse(100).join(Duration.ofSeconds(5));
            Purse bobPurse = mint.makePurse(0).join(Duration.ofSeconds(5));
            out.println("Alice has 100 credits, Bob has 0.");

            // Alice pays Bob 30: she sprouts a payment purse and fills it; sprout() has not
            // answered yet when deposit() is sent to its result (promise pipelining). Once it is
            // filled, she hands the payment to Bob, who moves it into his own purse.
            Promise<Long> bobNow = alice.callPromise(() -> {
                Promise<Purse> payment = alicePurse.sprout();
                Promise<Long> filled = payment.as(Purse.class).deposit(30, alicePurse);
                return filled.thenCompose(ignored -> payment.thenCompose(
                        purse -> bob.callPromise(() -> bobPurse.deposit(30, purse))));
            });
            out.println("Bob was paid; his balance is " + bobNow.join(Duration.ofSeconds(5)) + ".");

            // Alice cannot spend what she does not have; the problem travels back as a value.
            Promise<Long> overdraft = alice.callPromise(() -> bobPurse.deposit(500, alicePurse));
            out.println("Alice tries to pay 500: " + problemOf(overdraft) + ".");

            // Nor can anyone pass off a purse of their own making.
            Purse forged = alice.callPromise(() -> Promise.of(alice.export(new Counterfeit(), Purse.class)))
                    .join(Duration.ofSeconds(5));
            out.println("A forged purse: " + problemOf(bobPurse.deposit(1, forged)) + ".");

            long alicePurseNow = alicePurse.balance().join(Duration.ofSeconds(5));
            long bobFinal = bobPurse.balance().join(Duration.ofSeconds(5));
            out.println("In the end Alice has " + alicePurseNow + " and Bob has " + bobFinal + ".");
            return bobFinal;
        }
    }

    private static String problemOf(Promise<?> promise) {
        try {
            promise.join(Duration.ofSeconds(5));
            return "accepted?!";
        } catch (dev.erg.vat.ProblemException e) {
            return "refused, " + e.problem();
        }
    }

    /** A purse that claims to hold a fortune. */
    private static final class Counterfeit implements Purse {
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
}
