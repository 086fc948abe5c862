package dev.erg.transparency;

import dev.erg.transparency.SendScenarios.Adder;
import dev.erg.transparency.SendScenarios.Counter;
import dev.erg.transparency.SendScenarios.Summer;
import dev.erg.transparency.SendScenarios.Tally;
import dev.erg.vat.Deferred;
import dev.erg.vat.Promise;
import java.util.List;

/** Three vats: references and promises handed from one vat to another. */
final class HandoffScenarios {

    private HandoffScenarios() {
    }

    /** Keeps a counter it is handed, uses it, and hands it back. */
    public interface Keeper {
        Promise<Long> keep(Counter counter);

        Promise<Long> use(long by);

        Promise<Counter> handBack();

        Promise<Boolean> same(Counter one, Counter two);
    }

    /** Tells whether a counter it is given is its own. */
    public interface Home {
        Promise<String> recognise(Counter counter);

        Promise<Counter> own();
    }

    /** Passes a counter on to its home. */
    public interface Relay {
        Promise<String> relay(Home home, Counter counter);
    }

    static final class Place implements Home {
        private final Tally own;

        Place(Tally own) {
            this.own = own;
        }

        @Override
        public Promise<String> recognise(Counter counter) {
            return Promise.of(counter == own ? "its own near object" : Describe.value(counter));
        }

        @Override
        public Promise<Counter> own() {
            return Promise.of(own);
        }
    }

    static final class Holder implements Keeper {
        private Counter kept;

        @Override
        public Promise<Long> keep(Counter counter) {
            kept = counter;
            return counter.increment(0);
        }

        @Override
        public Promise<Long> use(long by) {
            return kept.increment(by);
        }

        @Override
        public Promise<Counter> handBack() {
            return Promise.of(kept);
        }

        @Override
        public Promise<Boolean> same(Counter one, Counter two) {
            return Promise.of(one == two);
        }
    }

    /**
     * Why a reference handed on to a third vat differs: across machines it arrives as a promise
     * that the third vat resolves by fetching the object from its home (a three-party handoff),
     * so until then it is neither {@code ==} to another arrival of it nor, sent home, the near
     * object. Once resolved it is both, as {@code Ref.shorten} shows.
     */
    private static final String HANDOFF_IS_A_PROMISE =
            "a reference handed to a third vat arrives there as a promise until its handoff completes";

    static List<Scenario> all() {
        return List.of(
                Scenario.of("three vats: a reference handed from one vat to another", (w, out) -> {
                    Counter counter = w.share("carol", new Tally(out, "carol saw"), Counter.class, "alice");
                    Keeper keeper = w.share("bob", new Holder(), Keeper.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        counter.increment(1);
                        counter.increment(2);
                        Promise<Long> kept = keeper.keep(counter);
                        return Settle.inOrder(out, "answers", List.of(kept))
                                .thenCompose(n -> keeper.use(10))
                                .thenCompose(afterUse -> counter.value().then(v -> afterUse + " then " + v));
                    });
                }),
                Scenario.of("three vats: a reference handed there and back", (w, out) -> {
                    Counter counter = w.share("carol", new Tally(out, "carol saw"), Counter.class, "alice");
                    Keeper keeper = w.share("bob", new Holder(), Keeper.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        keeper.keep(counter);
                        Promise<Counter> back = keeper.handBack();
                        Promise<Long> viaBack = back.as(Counter.class).increment(5);
                        Promise<Long> viaThen = back.thenCompose(c -> c.increment(1));
                        return Settle.inOrder(out, "answers", List.of(viaBack, viaThen));
                    });
                }),
                Scenario.of("a reference passed twice in one message arrives as one reference", (w, out) -> {
                    Counter carols = w.share("carol", new Tally(null, null), Counter.class, "alice");
                    Keeper keeper = w.share("bob", new Holder(), Keeper.class, "alice");
                    Counter alices = w.vat("alice").export(new Tally(null, null), Counter.class);
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(
                            keeper.same(alices, alices), keeper.same(carols, carols), keeper.same(alices, carols))));
                }).stating(Mode.TLS, "answers", List.of("fulfilled Boolean true", "fulfilled Boolean false",
                                "fulfilled Boolean false"), HANDOFF_IS_A_PROMISE),
                Scenario.of("three vats: a reference handed back to its own vat is the near object", (w, out) -> {
                    Tally tally = new Tally(null, null);
                    Counter counter = w.share("carol", tally, Counter.class, "alice");
                    Home home = w.share("carol", new Place(tally), Home.class, "alice");
                    Relay relay = w.share("bob", Home::recognise, Relay.class, "alice");
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(
                            home.recognise(counter), relay.relay(home, counter))));
                }).stating(Mode.TLS, "answers", List.of("fulfilled String \"its own near object\"",
                        "fulfilled String \"reference PROMISE\""), HANDOFF_IS_A_PROMISE),
                Scenario.of("a resolved promise for an object, sent to the object's vat, is the near object", (w, out) -> {
                    Home home = w.share("carol", new Place(new Tally(null, null)), Home.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Promise<Counter> own = home.own();
                        Counter pipelined = own.as(Counter.class);
                        return own.thenCompose(resolved -> Settle.inOrder(out, "answers", List.of(
                                home.recognise(resolved), home.recognise(pipelined))));
                    });
                }),
                Scenario.of("three vats: messages through an answer that leads to a third vat keep their order",
                        (w, out) -> {
                    Counter counter = w.share("carol", new Tally(out, "carol saw"), Counter.class, "alice");
                    Keeper keeper = w.share("bob", new Holder(), Keeper.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        keeper.keep(counter);
                        Promise<Counter> back = keeper.handBack();
                        Counter through = back.as(Counter.class);
                        for (long i = 1; i <= 10; i++) {
                            through.increment(i);
                        }
                        return back.thenCompose(direct -> {
                            for (long i = 11; i <= 20; i++) {
                                direct.increment(i);
                            }
                            return direct.value();
                        });
                    });
                }),
                Scenario.of("three vats: a promise resolved to a reference in a third vat", (w, out) -> {
                    Counter counter = w.share("carol", new Tally(out, "carol saw"), Counter.class, "alice");
                    Adder adder = w.share("bob", new Summer(), Adder.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Deferred<Counter> later = Promise.defer();
                        Promise<Long> counted = adder.incrementWhenReady(later.promise(), 7);
                        counter.increment(1);
                        later.resolver().resolve(counter);
                        return Settle.inOrder(out, "answers", List.of(counted));
                    });
                }));
    }
}
