package dev.erg.transparency;

import dev.erg.trace.TraceGraph;
import dev.erg.vat.Promise;
import dev.erg.vat.ProblemException;
import java.util.List;

/**
 * Causality tracing: the graph recorded for a computation, and the explanation of a broken
 * answer drawn from it, are the same whether its vats share a JVM or talk over the network.
 */
final class TraceScenarios {

    private TraceScenarios() {
    }

    /** Takes bids, paying for each from a purse. */
    public interface Auction {
        Promise<Long> bid(long amount);
    }

    /** Pays out, if it holds enough. */
    public interface Purse {
        Promise<Long> withdraw(long amount);
    }

    private record Funds(long balance) implements Purse {
        @Override
        public Promise<Long> withdraw(long amount) {
            if (amount > balance) {
                throw new ProblemException("Insufficient", "wanted " + amount + ", holds " + balance);
            }
            return Promise.of(balance - amount);
        }
    }

    private record Bidding(Purse purse) implements Auction {
        @Override
        public Promise<Long> bid(long amount) {
            return purse.withdraw(amount);
        }
    }

    /** Bids on an auction in another vat on behalf of whoever holds it. */
    private record Agent(Auction auction) implements Auction {
        @Override
        public Promise<Long> bid(long amount) {
            return auction.bid(amount);
        }
    }

    /** A message as the graph shows it, without its span ids, which differ from run to run. */
    private static String edge(TraceGraph graph, TraceGraph.Message m) {
        String cause = m.reactsTo() != 0
                ? " reacting to " + graph.message(m.reactsTo()).map(TraceGraph.Message::label).orElse("?")
                : m.sentIn() == 0 ? " (root)"
                : " sent in " + graph.message(m.sentIn()).map(TraceGraph.Message::label).orElse("?");
        return m.from() + " -> " + m.label() + " -> " + m.to() + cause
                + (m.outcome().isEmpty() ? "" : ", " + m.outcome());
    }

    static List<Scenario> all() {
        return List.of(Scenario.of("the trace of a broken answer leads back to the turn that broke it", (w, out) -> {
            Purse purse = w.share("bank", new Funds(100), Purse.class, "auction");
            Auction auction = w.share("auction", new Bidding(purse), Auction.class, "alice");
            return w.vat("alice").callPromise(() -> auction.bid(500).otherwise(problem -> {
                TraceGraph graph = w.trace();
                TraceGraph.Message bid = graph.messagesLabelled("Auction.bid").getLast();
                for (TraceGraph.Message m : graph.traceOf(bid.span())) {
                    out.add("graph", edge(graph, m));
                }
                graph.why(bid.span()).orElseThrow().lines()
                        .forEach(line -> out.add("why", line.replaceAll("[0-9a-f]{16}", "…")));
                return -1L;
            }));
        }), Scenario.of("a message sent from outside any turn is the root its broken answer is explained back to",
                (w, out) -> {
            Purse purse = w.share("bank", new Funds(100), Purse.class, "auction");
            Auction auction = w.share("auction", new Bidding(purse), Auction.class, "alice");
            Auction agent = w.share("alice", new Agent(auction), Auction.class, "alice");
            Promise<Long> answer = agent.bid(500);
            return w.vat("alice").callPromise(() -> answer.otherwise(problem -> {
                TraceGraph graph = w.trace();
                TraceGraph.Message root = graph.messagesLabelled("Auction.bid").stream()
                        .filter(m -> m.sentIn() == 0).reduce((first, second) -> second).orElseThrow();
                for (TraceGraph.Message m : graph.traceOf(root.span())) {
                    out.add("graph", edge(graph, m));
                }
                graph.why(root.span()).orElseThrow().lines()
                        .forEach(line -> out.add("why", line.replaceAll("[0-9a-f]{16}", "…")));
                return -1L;
            }));
        }));
    }
}
