package dev.erg.transparency;

import dev.erg.transparency.SendScenarios.Counter;
import dev.erg.transparency.SendScenarios.Tally;
import dev.erg.vat.Caretaker;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;

/** Revocation: caretakers handed out by a service, cut while their holders use them. */
final class RevocationScenarios {

    private RevocationScenarios() {
    }

    /** A service that grants revocable access to its counter and can take it back. */
    public interface Gate {
        Promise<Counter> grant();

        Promise<Counter> direct();

        Promise<Boolean> revoke(String reason);
    }

    static final class Keeper implements Gate {
        private final Vat home;
        private final Counter counter;
        private final List<Caretaker<Counter>> granted = new ArrayList<>();

        Keeper(Vat home) {
            this.home = home;
            this.counter = home.export(new Tally(null, null), Counter.class);
        }

        @Override
        public Promise<Counter> grant() {
            Caretaker<Counter> caretaker = Caretaker.beside(home, "caretaker", counter, Counter.class);
            granted.add(caretaker);
            return Promise.of(caretaker.reference());
        }

        @Override
        public Promise<Counter> direct() {
            return Promise.of(counter);
        }

        @Override
        public Promise<Boolean> revoke(String reason) {
            granted.forEach(c -> c.revoke(reason));
            return Promise.of(!granted.isEmpty());
        }
    }

    private static Gate gate(World w) {
        return w.share("bob", new Keeper(w.vat("bob")), Gate.class, "alice");
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("a caretaker passes calls on until revoked, then they break with Revoked", (w, out) -> {
                    Gate gate = gate(w);
                    return w.vat("alice").callPromise(() -> gate.grant().thenCompose(counter -> counter.increment(1)
                            .thenCompose(n -> {
                                out.add("alice", "before: " + n);
                                return gate.revoke("partner left");
                            })
                            .thenCompose(revoked -> Settle.describe(counter.increment(1)))));
                }),
                Scenario.of("a holder monitoring a caretaker is told of its revocation", (w, out) -> {
                    Gate gate = gate(w);
                    return w.vat("alice").callPromise(() -> gate.grant().thenCompose(counter -> {
                        Deferred<String> told = Promise.defer();
                        Ref.monitor(counter, problem -> told.resolver().resolve("told: " + problem));
                        return counter.increment(1)
                                .thenCompose(n -> gate.revoke("audit failed"))
                                .thenCompose(x -> told.promise());
                    }));
                }),
                Scenario.of("revoking a caretaker leaves the target and direct references working", (w, out) -> {
                    Gate gate = gate(w);
                    return w.vat("alice").callPromise(() -> gate.grant().thenCompose(counter -> counter.increment(2)
                            .thenCompose(n -> gate.revoke("moved to direct access"))
                            .thenCompose(x -> gate.direct())
                            .thenCompose(direct -> direct.increment(3))));
                }),
                Scenario.of("each caretaker granted is revoked; a grant after the revocation works", (w, out) -> {
                    Gate gate = gate(w);
                    return w.vat("alice").callPromise(() -> gate.grant().thenCompose(first -> gate.revoke("renewal")
                            .thenCompose(x -> gate.grant())
                            .thenCompose(second -> Settle.inOrder(out, "answers",
                                    List.of(first.increment(1), second.increment(1))))));
                }));
    }
}
