package dev.erg.samples.orgs;

import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * E's money between two organizations, each running its own vat-server: Acme issues acme
 * dollars and keeps the mint inside its bank; Brick sells widgets. The two exchange nothing
 * but sturdy refs, as text. Brick opens an account at Acme's bank; Acme pays Brick by handing
 * its shop a purse. Brick can check the payment and take the money out of it, through the
 * purse protocol, but nothing it holds lets it make money, which it then tries in every way
 * it can.
 *
 * <p>Run it: {@code samples/run orgs}
 */
public final class TwoOrganizations {

    private TwoOrganizations() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-orgs")) {
            run(System.out, workspace.path());
        }
    }

    /** Runs the story with the servers' data directories under {@code dir}, printing each step to {@code out}. */
    public static TradeReport run(PrintStream out, Path dir) throws IOException, InterruptedException {
        try (ServerProcess acme = ServerProcess.start("acme", dir.resolve("acme"), "bank", "bank");
             ServerProcess brick = ServerProcess.start("brick", dir.resolve("brick"), "shop", "shop");
             VatRuntime runtime = VatRuntime.create();
             Peer acmeOperator = Peer.start(runtime, List.of());
             Peer brickOperator = Peer.start(runtime, List.of(Attempt.class))) {
            String bankRef = acme.sturdyRef().toString();
            String shopRef = brick.sturdyRef().toString();
            out.println("Acme's vat-server hosts its bank:  " + bankRef);
            out.println("Brick's vat-server hosts its shop: " + shopRef);

            // Each operator reaches only its own organization's server; the servers reach each
            // other with the sturdy refs the operators pass on as text.
            Bank bank = acmeOperator.connect(acme.sturdyRef(), Bank.class);
            Shop shop = brickOperator.connect(brick.sturdyRef(), Shop.class);

            String currency = Peer.await(shop.acceptPaymentFrom(bankRef));
            out.println("Brick's shop opens an account at Acme's bank and takes " + currency + " from now on.");

            String receipt = Peer.await(bank.buy(shopRef, "widget"));
            long treasury = Peer.await(bank.treasury());
            long takings = Peer.await(shop.takings());
            out.println("Acme buys a widget: \"" + receipt + "\".");
            out.println("Acme's treasury holds " + treasury + ", Brick's account " + takings + ".");

            out.println("Brick tries to make money with what it was given:");
            List<Attempt> attempts = Peer.await(shop.tryToMakeMoney());
            attempts.forEach(attempt -> out.println("  " + attempt));

            long treasuryAfter = Peer.await(bank.treasury());
            long takingsAfter = Peer.await(shop.takings());
            out.println("Acme's treasury still holds " + treasuryAfter + " and Brick's account " + takingsAfter + ": "
                    + (treasuryAfter + takingsAfter) + " " + currency + " in all, the " + BankMaker.SUPPLY + " minted.");

            out.println("Both servers stop on SIGTERM: exit status " + acme.stop() + " and " + brick.stop() + ".");
            return new TradeReport(currency, receipt, treasury, takings, attempts, treasuryAfter, takingsAfter);
        }
    }
}
