package dev.erg.samples.auction;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;
import dev.erg.samples.launch.Peer;
import dev.erg.samples.launch.ServerProcess;
import dev.erg.samples.launch.VatServerCommand;
import dev.erg.samples.launch.Workspace;
import dev.erg.trace.TraceFile;
import dev.erg.trace.Tracer;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.VatRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An auction in which each participant holds only the capabilities it was given. A
 * vat-server hosts an {@link AuctionHouse}. The seller, who holds the house, opens an auction
 * and gets its {@link AuctionControl}; with it, she invites Alice and Bob, each by a sturdy
 * ref to a {@link Bidder} facet bound to that name. Alice, Bob, the seller and Mallory are four
 * processes' worth of parties, each with a vat identity of its own.
 *
 * <p>Alice leaves one raise to a {@link BidAgent} in a vat of her own, which bids over the
 * price it last saw; Bob has bid more since, so its bid is refused. The house and the bidders
 * trace causality (the house through {@code ERG_TRACE_FILE}), and {@code vat-server trace why}
 * explains the agent's broken answer from the two trace files.
 *
 * <p>Then everyone tries what they have no capability for, and is refused: a bidder cannot
 * close the auction, invite anyone, or bid in another's name; someone who was not invited
 * cannot guess an invitation; and once the seller closes, no bid counts and the invitations
 * designate nothing.
 *
 * <p>Run it: {@code samples/run auction}
 */
public final class AuctionSample {

    private static final List<Class<?>> PASSABLES = List.of(Standing.class, Outcome.class);
    private static final String BIDDERS_TRACE = "bidders.trace";
    private static final String HOUSE_TRACE = "house.trace";

    private AuctionSample() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.create("erg-auction")) {
            run(System.out, workspace.path());
        }
    }

    /** Runs the story with the server's data directory under {@code dir}, printing each step to {@code out}. */
    public static AuctionReport run(PrintStream out, Path dir) throws IOException, InterruptedException {
        try (TraceFile biddersTrace = TraceFile.append(dir.resolve(BIDDERS_TRACE));
             ServerProcess server = ServerProcess.start("auction-house", dir.resolve("house"), "house", "auction-house",
                     "", Map.of("ERG_TRACE_FILE", dir.resolve(HOUSE_TRACE).toString()));
             VatRuntime runtime = VatRuntime.builder().tracer(Tracer.builder().sink(biddersTrace).build()).build();
             Peer seller = Peer.start(runtime, PASSABLES);
             Peer alice = Peer.start(runtime, PASSABLES);
             Peer bob = Peer.start(runtime, PASSABLES);
             Peer mallory = Peer.start(runtime, PASSABLES)) {
            List<Standing> bids = new ArrayList<>();
            Map<String, Problem> refused = new LinkedHashMap<>();
            out.println("The auction house: " + server.sturdyRef());

            AuctionHouse house = seller.connect(server.sturdyRef(), AuctionHouse.class);
            AuctionControl control = Peer.await(house.open("violin", 100));
            SturdyRef aliceInvitation = SturdyRef.parse(Peer.await(control.invite("alice")));
            SturdyRef bobInvitation = SturdyRef.parse(Peer.await(control.invite("bob")));
            out.println("The seller opens an auction of a violin, reserve 100, and invites alice and bob;");
            out.println("  alice is sent " + aliceInvitation);
            out.println("  bob is sent   " + bobInvitation);

            Bidder aliceBids = alice.connect(aliceInvitation, Bidder.class);
            Bidder bobBids = bob.connect(bobInvitation, Bidder.class);
            bid(out, bids, refused, "alice bids 100", aliceBids.bid(100));
            bid(out, bids, refused, "bob bids 120", bobBids.bid(120));
            BidAgent agent = runtime.newVat("alice-agent").export(new RaisingAgent(aliceBids, 100), BidAgent.class);
            out.println("Alice leaves a raise to an agent in a vat of its own, which last saw her bid of 100:");
            bid(out, bids, refused, "alice's agent raises by 10", agent.raise(10));
            bid(out, bids, refused, "alice bids 150", aliceBids.bid(150));

            out.println("What the bidders hold does not let them:");
            attempt(out, refused, "alice closes the auction through her bidder facet",
                    () -> Peer.await(Ref.send(aliceBids, "close")));
            attempt(out, refused, "alice invites mallory through her bidder facet",
                    () -> Peer.await(Ref.send(aliceBids, "invite", "mallory")));
            attempt(out, refused, "alice takes her invitation for the seller's control and closes the auction",
                    () -> Peer.await(alice.connect(aliceInvitation, AuctionControl.class).close()));
            attempt(out, refused, "alice bids 200 in bob's name", () -> Peer.await(Ref.send(aliceBids, "bid", 200L, "bob")));
            SturdyRef guessed = new SturdyRef(aliceInvitation.vatId(), aliceInvitation.hints(),
                    SwissNumber.random(new SecureRandom()));
            attempt(out, refused, "mallory, invited by nobody, guesses an invitation",
                    () -> Peer.await(mallory.connect(guessed, Bidder.class).bid(1_000)));

            Outcome outcome = Peer.await(control.close());
            out.println("The seller closes the auction: " + outcome + ".");
            attempt(out, refused, "bob bids 200 after the close", () -> Peer.await(bobBids.bid(200)));
            attempt(out, refused, "bob uses his invitation again after the close",
                    () -> bob.connect(bobInvitation, Bidder.class));
            out.println("The house's server stops on SIGTERM: exit status " + server.stop() + ".");
            biddersTrace.flush();
            return new AuctionReport(List.copyOf(bids), refused, outcome, explainRaise(out, dir));
        }
    }

    /**
     * Finds the agent's raise in the trace files of the bidders and the house, and asks
     * {@code vat-server trace why} why its answer broke; returns the explanation's lines.
     */
    private static List<String> explainRaise(PrintStream out, Path dir) throws IOException, InterruptedException {
        out.println("Why did the agent's raise break? The trace files of the bidders and the house tell:");
        List<String> found = command(out, dir, "trace", "find", "--label", "BidAgent.raise", BIDDERS_TRACE, HOUSE_TRACE);
        if (found.size() != 1) {
            throw new IOException("expected one BidAgent.raise in the trace files, found " + found);
        }
        String raise = found.getFirst().substring(0, found.getFirst().indexOf(' '));
        return command(out, dir, "trace", "why", "--promise", raise, BIDDERS_TRACE, HOUSE_TRACE);
    }

    private static List<String> command(PrintStream out, Path dir, String... args) throws IOException, InterruptedException {
        out.println("$ vat-server " + String.join(" ", args));
        List<String> lines = VatServerCommand.run(dir, args);
        lines.forEach(out::println);
        return lines;
    }

    private static void bid(PrintStream out, List<Standing> bids, Map<String, Problem> refused, String what,
                            Promise<Standing> answer) {
        try {
            Standing standing = Peer.await(answer);
            bids.add(standing);
            out.println(what + ": " + standing);
        } catch (ProblemException e) {
            refused.put(what, e.problem());
            out.println(what + ": refused, " + e.problem());
        }
    }

    /**
     * Tries something a participant has no capability for ({@code how} waits for the answer),
     * and records how it ended.
     */
    private static void attempt(PrintStream out, Map<String, Problem> refused, String what, Supplier<?> how) {
        Problem problem;
        try {
            how.get();
            problem = null;
        } catch (ProblemException e) {
            problem = e.problem();
        }
        refused.put(what, problem);
        out.println("  " + what + ": " + (problem == null ? "it worked" : "refused, " + problem));
    }
}
