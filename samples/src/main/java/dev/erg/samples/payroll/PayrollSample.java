package dev.erg.samples.payroll;

import dev.erg.captp.SturdyRef;
import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.Workspace;
import dev.erg.server.cli.Cli;
import dev.erg.server.cli.Launch;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What durable objects buy, in two vat-server processes: a <b>bank</b> whose accounts are
 * durable objects of their own, and a <b>payroll</b> that pays {@value #EMPLOYEES} salaries
 * into them every month by durable sends. The bank is killed with SIGKILL after the first
 * month, and the payroll pays the other {@value #MONTHS} - 1 while it is away: those deposits
 * wait in the payroll's outbox. The bank is started again and the deposits flow; the payroll
 * is killed with SIGKILL in the middle of it and started again. At the end each account holds
 * its salary times {@value #MONTHS}, made of {@value #MONTHS} deposits, and the payroll has
 * had one answer for each deposit.
 *
 * <p>Run it: {@code samples/run payroll}
 */
public final class PayrollSample {

    /** Employees on the payroll, each with an account at the bank. */
    public static final int EMPLOYEES = 250;

    /** Months paid. */
    public static final int MONTHS = 12;

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int SHOWN = 3;

    private PayrollSample() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-payroll")) {
            System.exit(run(System.out, workspace.path()).exactlyOnce() ? 0 : 1);
        }
    }

    /** The name of employee {@code i}, from 1. */
    public static String name(int i) {
        return "employee-%03d".formatted(i);
    }

    /** The monthly salary of employee {@code i}, from 1. */
    public static long salary(int i) {
        return 2_000 + 25L * (i % 40);
    }

    /**
     * Runs the story with the servers' data directories under {@code dir}, printing each step
     * to {@code out}.
     */
    public static PayrollResult run(PrintStream out, Path dir) throws IOException, InterruptedException {
        List<ServerProcess> servers = new ArrayList<>();
        try (VatRuntime runtime = VatRuntime.create();
             Peer operator = Peer.start(runtime, List.of(Statement.class, Payroll.Report.class))) {
            startBoth(dir, servers);
            ServerProcess bank = servers.get(0);
            ServerProcess payroll = servers.get(1);
            out.printf("The bank (pid %d) and the payroll (pid %d) are up, each a vat-server with its own store.%n",
                    bank.pid(), payroll.pid());

            List<SturdyRef> accounts = openAccounts(operator.connect(bank.sturdyRef(), Bank.class));
            Payroll office = operator.connect(payroll.sturdyRef(), Payroll.class);
            List<Promise<Integer>> hiring = new ArrayList<>();
            for (int i = 1; i <= EMPLOYEES; i++) {
                hiring.add(office.hire(name(i), accounts.get(i - 1).toString(), salary(i)));
            }
            hiring.forEach(Peer::await);
            out.printf("The bank opened %d accounts, each a durable object with a sturdy ref of its own, such as%n"
                    + "  %s%nand the payroll holds them, as text, with the salaries.%n", accounts.size(),
                    accounts.getFirst());

            Peer.await(office.payMonth());
            Payroll.Report report = poll(office, r -> r.answered() == r.sent());
            out.printf("Month 1: %,d deposits sent, %,d answered.%n", report.sent(), report.answered());

            bank.kill();
            out.printf("SIGKILL to the bank (pid %d).%n", bank.pid());
            for (int month = 2; month <= MONTHS; month++) {
                Peer.await(office.payMonth());
            }
            report = Peer.await(office.report());
            out.printf("Months 2 to %d are paid while the bank is down: %,d deposits sent, %,d answered. The rest%n"
                    + "wait in the payroll's outbox; `vat-server status --data payroll` says:%n", MONTHS, report.sent(),
                    report.answered());
            status(out, payroll.dataDir());

            bank = bank.restart();
            servers.add(bank);
            out.printf("The bank is started again (pid %d) on its store, and the deposits flow.%n", bank.pid());
            long before = report.answered();
            report = poll(office, r -> r.answered() > before);
            payroll.kill();
            long answeredAtKill = report.answered();
            out.printf("SIGKILL to the payroll (pid %d), which had last reported %,d of %,d deposits answered.%n",
                    payroll.pid(), answeredAtKill, report.sent());

            payroll = payroll.restart();
            servers.add(payroll);
            office = operator.connect(payroll.sturdyRef(), Payroll.class);
            report = Peer.await(office.report());
            out.printf("The payroll is started again (pid %d) on its store, with %,d answered; the rest flow.%n",
                    payroll.pid(), report.answered());
            report = poll(office, r -> r.answered() >= r.sent());
            out.printf("The payroll: %,d deposits sent, %,d answered, %d of them answered twice, %d failed.%n",
                    report.sent(), report.answered(), report.repeated(), report.broken());

            List<Statement> statements = new ArrayList<>();
            for (SturdyRef account : accounts) {
                statements.add(Peer.await(operator.connect(account, Account.class).statement()));
            }
            int wrong = printBalances(out, statements);
            boolean exactlyOnce = wrong == 0 && report.sent() == (long) EMPLOYEES * MONTHS
                    && report.answered() == report.sent() && report.repeated() == 0 && report.broken() == 0;
            out.println(exactlyOnce ? "Every payment arrived exactly once."
                    : "Not every payment arrived exactly once: see above.");

            out.printf("Both servers stop on SIGTERM: exit status %d and %d.%n", bank.stop(), payroll.stop());
            return new PayrollResult(report, answeredAtKill, statements, exactlyOnce);
        } finally {
            servers.forEach(ServerProcess::close);
        }
    }

    /** Starts the bank and the payroll side by side, adding to {@code servers} each that starts; fails if one does not. */
    private static void startBoth(Path dir, List<ServerProcess> servers) throws IOException, InterruptedException {
        Future<ServerProcess> bank;
        Future<ServerProcess> payroll;
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            bank = starters.submit(() -> ServerProcess.start("bank", dir.resolve("bank"), "bank", "savings-bank"));
            payroll = starters.submit(() -> ServerProcess.start("payroll", dir.resolve("payroll"), "payroll", "payroll"));
        }
        IOException failure = null;
        for (Future<ServerProcess> server : List.of(bank, payroll)) {
            try {
                servers.add(server.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Opens an account for each employee, all at once; answers their sturdy refs in the employees' order. */
    private static List<SturdyRef> openAccounts(Bank bank) {
        List<Promise<String>> opening = new ArrayList<>();
        for (int i = 1; i <= EMPLOYEES; i++) {
            opening.add(bank.open(name(i)));
        }
        return opening.stream().map(ref -> SturdyRef.parse(Peer.await(ref))).toList();
    }

    /** Asks the payroll for its report until {@code done} holds of it, for a minute at most. */
    private static Payroll.Report poll(Payroll office, Predicate<Payroll.Report> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            Payroll.Report report = Peer.await(office.report());
            if (done.test(report)) {
                return report;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the payroll did not get there within a minute: " + report);
            }
            Thread.sleep(10);
        }
    }

    /** Prints what {@code vat-server status --data dataDir} prints, indented. */
    private static void status(PrintStream out, Path dataDir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Launch system = Launch.system();
        Launch launch = new Launch(new PrintStream(printed, true, StandardCharsets.UTF_8), system.err(), system.env(),
                system.workingDirectory(), system.stop(), system.makers(), system.defaultListen());
        Cli.execute(launch, "status", "--data", dataDir.toString());
        printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> out.println("  " + line));
    }

    /**
     * Prints a few accounts, any that is wrong, and a line on all; answers how many do not
     * hold {@value #MONTHS} deposits of their holder's salary.
     */
    private static int printBalances(PrintStream out, List<Statement> statements) {
        int wrong = 0;
        long total = 0;
        for (int i = 1; i <= statements.size(); i++) {
            Statement s = statements.get(i - 1);
            boolean right = s.holder().equals(name(i)) && s.deposits() == MONTHS && s.balance() == salary(i) * MONTHS;
            if (!right) {
                wrong++;
            }
            total += s.balance();
            if (i <= SHOWN || !right) {
                out.printf("  %s: %,d in %d deposits; salary %,d%s%n", s.holder(), s.balance(), s.deposits(),
                        salary(i), right ? "" : ": WRONG");
            }
        }
        out.printf("  and %d more. Accounts not holding %d months' salary: %d of %d. In all: %,d.%n",
                statements.size() - SHOWN, MONTHS, wrong, statements.size(), total);
        return wrong;
    }
}
