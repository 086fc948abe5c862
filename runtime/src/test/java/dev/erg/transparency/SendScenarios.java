package dev.erg.transparency;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.ArrayList;
import java.util.List;

/** Eventual sends, E-order, pipelining, promises and references as arguments, handoff. */
final class SendScenarios {

    private SendScenarios() {
    }

    /** Counts. */
    public interface Counter {
        Promise<Long> increment(long by);

        Promise<Long> value();

        void reset();
    }

    /** Keeps every sequence number it is given, in the order given. */
    public interface Log {
        Promise<Long> record(long sequence);

        void note(long sequence);

        Promise<List<Long>> seen();
    }

    /** Opens accounts. */
    public interface Bank {
        Promise<Account> open(String owner);
    }

    /** An account of a {@link Bank}. */
    public interface Account {
        Promise<Long> deposit(long amount);

        Promise<Long> balance();

        Promise<String> owner();

        Promise<Account> joint(String second);
    }

    /** Adds to numbers it may not have yet. */
    public interface Adder {
        Promise<Long> addLater(Promise<Long> x, long y);

        Promise<Long> incrementWhenReady(Promise<Counter> counter, long by);
    }

    /** Hears words. */
    public interface Listener {
        Promise<String> hear(String word);
    }

    /** Tells listeners words, and gives references back. */
    public interface Notifier {
        Promise<String> tell(Listener listener, List<String> words);

        Promise<Listener> giveBack(Listener listener);
    }

    static final class Tally implements Counter {
        private final Outcome outcome;
        private final String channel;
        private long count;

        Tally(Outcome outcome, String channel) {
            this.outcome = outcome;
            this.channel = channel;
        }

        @Override
        public Promise<Long> increment(long by) {
            if (outcome != null) {
                outcome.add(channel, "increment " + by);
            }
            count += by;
            return Promise.of(count);
        }

        @Override
        public Promise<Long> value() {
            return Promise.of(count);
        }

        @Override
        public void reset() {
            count = 0;
        }
    }

    static final class Recorder implements Log {
        private final List<Long> seen = new ArrayList<>();

        @Override
        public Promise<Long> record(long sequence) {
            seen.add(sequence);
            return Promise.of(sequence);
        }

        @Override
        public void note(long sequence) {
            seen.add(sequence);
        }

        @Override
        public Promise<List<Long>> seen() {
            return Promise.of(List.copyOf(seen));
        }
    }

    static final class Branch implements Bank {
        @Override
        public Promise<Account> open(String owner) {
            if (owner.isEmpty()) {
                throw new ProblemException("Refused", "an account needs an owner");
            }
            return Promise.of(new Ledger(owner));
        }
    }

    static final class Ledger implements Account {
        private final String owner;
        private long balance;

        Ledger(String owner) {
            this.owner = owner;
        }

        @Override
        public Promise<Long> deposit(long amount) {
            balance += amount;
            return Promise.of(balance);
        }

        @Override
        public Promise<Long> balance() {
            return Promise.of(balance);
        }

        @Override
        public Promise<String> owner() {
            return Promise.of(owner);
        }

        @Override
        public Promise<Account> joint(String second) {
            Ledger joint = new Ledger(owner + " & " + second);
            joint.balance = balance;
            return Promise.of(joint);
        }
    }

    static final class Summer implements Adder {
        @Override
        public Promise<Long> addLater(Promise<Long> x, long y) {
            return x.then(v -> v + y);
        }

        @Override
        public Promise<Long> incrementWhenReady(Promise<Counter> counter, long by) {
            return counter.as(Counter.class).increment(by);
        }
    }

    static final class Heard implements Listener {
        private final Outcome outcome;

        Heard(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public Promise<String> hear(String word) {
            outcome.add("alice heard", word);
            return Promise.of("heard " + word);
        }
    }

    static final class Teller implements Notifier {
        @Override
        public Promise<String> tell(Listener listener, List<String> words) {
            Promise<String> last = Promise.of("no words");
            for (String word : words) {
                last = listener.hear(word);
            }
            return last;
        }

        @Override
        public Promise<Listener> giveBack(Listener listener) {
            return Promise.of(listener);
        }
    }

    /** One face of an object that has two. */
    public interface Left {
        Promise<String> left();
    }

    /** The other face. */
    public interface Right {
        Promise<String> right();
    }

    static final class TwoFaced implements Left, Right {
        @Override
        public Promise<String> left() {
            return Promise.of("l");
        }

        @Override
        public Promise<String> right() {
            return Promise.of("r");
        }
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.of("one object shared under two interfaces answers each", (w, out) -> {
                    TwoFaced both = new TwoFaced();
                    Left left = w.share("bob", both, Left.class, "alice");
                    Right right = w.share("bob", both, Right.class, "alice");
                    return w.vat("alice").callPromise(() -> Settle.inOrder(out, "answers", List.of(left.left(), right.right())));
                }),
                Scenario.of("counter increments", (w, out) -> {
                    Counter counter = w.share("bob", new Tally(null, null), Counter.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        List<Promise<Long>> answers = new ArrayList<>();
                        answers.add(counter.increment(1));
                        answers.add(counter.increment(2));
                        answers.add(counter.increment(3));
                        counter.reset();
                        answers.add(counter.value());
                        answers.add(counter.increment(-5));
                        return Settle.inOrder(out, "answers", answers);
                    });
                }),
                Scenario.of("E-order of many sends from one vat", (w, out) -> {
                    Log log = w.share("bob", new Recorder(), Log.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        List<Promise<Long>> answers = new ArrayList<>();
                        for (long i = 0; i < 500; i++) {
                            if (i % 3 == 0) {
                                log.note(i);
                            } else {
                                answers.add(log.record(i));
                            }
                        }
                        return Settle.inOrder(out, "answers", answers).thenCompose(n -> log.seen())
                                .then(seen -> seen.equals(java.util.stream.LongStream.range(0, 500).boxed().toList())
                                        ? "all 500 in the order sent" : "out of order: " + seen);
                    });
                }),
                Scenario.of("messages queued in a promise precede those sent after it resolves", (w, out) -> {
                    Log log = w.share("bob", new Recorder(), Log.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Deferred<Log> resolved = Promise.defer();
                        Log later = resolved.promise().as(Log.class);
                        List<Promise<Long>> answers = new ArrayList<>();
                        for (long i = 0; i < 50; i++) {
                            answers.add(later.record(i));
                        }
                        resolved.resolver().resolve(log);
                        for (long i = 50; i < 100; i++) {
                            later.note(i);
                        }
                        return Settle.inOrder(out, "answers", answers.subList(0, 3))
                                .thenCompose(n -> later.seen())
                                .then(seen -> seen.equals(java.util.stream.LongStream.range(0, 100).boxed().toList())
                                        ? "all 100 in the order sent" : "out of order: " + seen);
                    });
                }),
                Scenario.of("when callbacks run in the order registered", (w, out) -> {
                    Counter counter = w.share("bob", new Tally(null, null), Counter.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Promise<Long> answer = counter.increment(4);
                        Deferred<String> last = Promise.defer();
                        for (int i = 1; i <= 5; i++) {
                            int n = i;
                            answer.when(v -> out.add("alice", "callback " + n + " saw " + v),
                                    p -> out.add("alice", "callback " + n + " saw " + p));
                        }
                        answer.when(v -> last.resolver().resolve("after the callbacks"), last.resolver()::reject);
                        out.add("alice", "registered");
                        return last.promise();
                    });
                }),
                Scenario.of("pipelining on the answer of an unresolved call", (w, out) -> {
                    Bank bank = w.share("bob", new Branch(), Bank.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Account account = bank.open("carol").as(Account.class);
                        account.deposit(40);
                        Promise<Long> afterTwo = account.deposit(2);
                        Account joint = account.joint("dave").as(Account.class);
                        return Settle.inOrder(out, "answers", List.of(afterTwo, account.balance(), account.owner(),
                                joint.owner(), joint.deposit(8), account.balance()));
                    });
                }),
                Scenario.of("pipelining on a call that throws", (w, out) -> {
                    Bank bank = w.share("bob", new Branch(), Bank.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Account nobody = bank.open("").as(Account.class);
                        return Settle.inOrder(out, "answers", List.of(nobody.deposit(1), nobody.owner(),
                                nobody.joint("x").as(Account.class).balance()));
                    });
                }),
                Scenario.of("a send to a promise for data", (w, out) -> {
                    Bank bank = w.share("bob", new Branch(), Bank.class, "alice");
                    return w.vat("alice").callPromise(() -> {
                        Account account = bank.open("erin").as(Account.class);
                        Account notAnAccount = account.owner().as(Account.class);
                        return Settle.describe(notAnAccount.balance());
                    });
                }),
                Scenario.of("a promise passed as an argument", (w, out) -> {
                    Adder adder = w.share("bob", new Summer(), Adder.class, "alice");
                    Vat alice = w.vat("alice");
                    return alice.callPromise(() -> {
                        Deferred<Long> later = Promise.defer();
                        Deferred<Long> never = Promise.defer();
                        Deferred<Counter> counterLater = Promise.defer();
                        Promise<Long> sum = adder.addLater(later.promise(), 2);
                        Promise<Long> broken = adder.addLater(never.promise(), 2);
                        Promise<Long> counted = adder.incrementWhenReady(counterLater.promise(), 5);
                        Promise<Long> known = adder.addLater(Promise.of(10L), 1);
                        later.resolver().resolve(40L);
                        never.resolver().reject(new Problem("Test", "no value today"));
                        Tally tally = new Tally(out, "alice's counter");
                        counterLater.resolver().resolve(alice.export(tally, Counter.class));
                        return Settle.inOrder(out, "answers", List.of(sum, broken, counted, known));
                    });
                }),
                Scenario.of("a reference passed and called back", (w, out) -> {
                    Notifier notifier = w.share("bob", new Teller(), Notifier.class, "alice");
                    Vat alice = w.vat("alice");
                    Heard heard = new Heard(out);
                    Listener listener = alice.export(heard, Listener.class);
                    return alice.callPromise(() -> {
                        Promise<String> told = notifier.tell(listener, List.of("one", "two", "three"));
                        Promise<String> none = notifier.tell(listener, List.of());
                        Promise<String> home = notifier.giveBack(listener)
                                .then(back -> "home again: " + (back == heard ? "the near object" : Describe.value(back)));
                        Promise<String> viaBack = notifier.giveBack(listener).as(Listener.class).hear("four");
                        return Settle.inOrder(out, "answers", List.of(told, none, home, viaBack));
                    });
                }));
    }
}
