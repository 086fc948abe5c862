package dev.erg.samples.market;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.money.Currency;
import dev.erg.samples.money.Purse;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Three vat processes that trade across organizations: a <b>bank</b> hosts a currency and two
 * purses; a <b>seller</b> holds one purse and runs a {@link Shop}; a <b>buyer</b> holds the
 * other. The buyer sprouts a payment purse at the bank, fills it and hands it to the seller;
 * the seller's shop withdraws the price from it. The payment is a reference the buyer got
 * from the bank, so handing it over is a three-party handoff: the seller fetches it from the
 * bank over its own session, and the bank sees the seller spend it.
 *
 * <p>Run with no arguments, it starts the three processes and tells their story; with a role
 * ({@code bank}, {@code seller PURSE}, {@code buyer PURSE SHOP}) it plays that role.
 */
public final class MarketSample {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REF = "ref ";

    private MarketSample() {
    }

    /** Starts the three processes, or plays the role the arguments name. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.exit(run(System.out) ? 0 : 1);
        }
        switch (args[0]) {
            case "bank" -> bank();
            case "seller" -> seller(SturdyRef.parse(args[1]));
            case "buyer" -> buyer(SturdyRef.parse(args[1]), SturdyRef.parse(args[2]));
            default -> throw new IllegalArgumentException("unknown role " + args[0] + " (expected: bank, seller or buyer)");
        }
    }

    /** Runs the bank, the seller and the buyer as three processes; returns whether the sale went through. */
    public static boolean run(PrintStream out) throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        try {
            Process bank = start(started, "bank");
            List<String> purses = refs(bank, 2);
            Process seller = start(started, "seller", purses.get(1));
            String shop = refs(seller, 1).getFirst();
            Process buyer = start(started, "buyer", purses.get(0), shop);
            boolean sold = false;
            try (BufferedReader story = reader(buyer)) {
                for (String line = story.readLine(); line != null; line = story.readLine()) {
                    out.println("buyer: " + line);
                    sold |= line.startsWith("receipt: sold");
                }
            }
            return buyer.waitFor() == 0 && sold;
        } finally {
            for (Process p : started) {
                p.destroy();
            }
        }
    }

    private static Process start(List<Process> started, String... role) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.javaExecutable(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-cp", ServerProcess.classPath(), MarketSample.class.getName()));
        command.addAll(List.of(role));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(process);
        return process;
    }

    /** The first {@code count} sturdy refs {@code process} prints. */
    private static List<String> refs(Process process, int count) throws IOException {
        BufferedReader lines = reader(process);
        List<String> refs = new ArrayList<>();
        while (refs.size() < count) {
            String line = lines.readLine();
            if (line == null) {
                throw new IOException("a sample process ended before printing its sturdy refs");
            }
            if (line.startsWith(REF)) {
                refs.add(line.substring(REF.length()));
            }
        }
        return refs;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void bank() throws Exception {
        try (VatRuntime runtime = VatRuntime.create(); Node node = node(runtime)) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Vat vault = runtime.newVat("bank");
            Currency credits = new Currency("credits");
            System.out.println(REF + node.sturdyRef(vault.callPromise(() -> credits.makePurse(100)).join(WAIT), null));
            System.out.println(REF + node.sturdyRef(vault.callPromise(() -> credits.makePurse(0)).join(WAIT), null));
            new CountDownLatch(1).await();
        }
    }

    private static void seller(SturdyRef purse) throws Exception {
        try (VatRuntime runtime = VatRuntime.create(); Node node = node(runtime)) {
            node.listen(new InetSocketAddress("127.0.0.1", 0));
            Purse till = node.connect(purse, Purse.class).join(WAIT);
            Shop shop = runtime.newVat("stall").export(new Stall(till), Shop.class);
            System.out.println(REF + node.sturdyRef(shop, null));
            new CountDownLatch(1).await();
        }
    }

    private static void buyer(SturdyRef purse, SturdyRef shopRef) throws Exception {
        try (VatRuntime runtime = VatRuntime.create(); Node node = node(runtime)) {
            Purse wallet = node.connect(purse, Purse.class).join(WAIT);
            Shop shop = node.connect(shopRef, Shop.class).join(WAIT);
            System.out.println("my purse holds " + wallet.balance().join(WAIT));
            Promise<Purse> sprouted = wallet.sprout();
            Purse payment = sprouted.as(Purse.class);
            System.out.println("the payment purse holds " + payment.deposit(Stall.PRICE, wallet).join(WAIT));
            // The payment lives at the bank: the seller gets it from there, not through us.
            System.out.println("receipt: " + shop.buy("a book", payment).join(WAIT));
            System.out.println("my purse holds " + wallet.balance().join(WAIT));
            System.out.println("the payment purse holds " + payment.balance().join(WAIT));
        }
    }

    private static Node node(VatRuntime runtime) throws javax.net.ssl.SSLException {
        return Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
    }
}
