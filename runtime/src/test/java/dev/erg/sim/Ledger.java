package dev.erg.sim;

import dev.erg.vat.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What a simulated cluster promised and what happened, and the invariants between them:
 *
 * <ul>
 * <li><b>e-order</b>: the messages one actor sent through one reference arrive in the order
 *     sent, with none missing before one that arrives;</li>
 * <li><b>once</b>: every send is delivered at most once and its answer settles at most once,
 *     fulfilled with its own answer only if it was delivered, or broken for a reason the
 *     cluster gives (a lost connection, a crashed host, a rejected promise); once the cluster
 *     is quiet, every send of a live actor has settled;</li>
 * <li><b>reach</b>: a message arrives only at the actor its reference designates, and only if
 *     the sender was granted that actor (made it, was handed it, or holds its sturdy ref);</li>
 * <li><b>gc</b>: no session refuses a message as naming an export or answer it freed (an
 *     export freed while an import still refers to it), and tables return to their baseline
 *     once every reference is dropped; see {@link Cluster#baselineDeviation()}.</li>
 * </ul>
 *
 * <p>Violations are gathered as they happen, inside turns, and the simulation fails after the
 * step that caused them. Everything recorded also feeds a hash of the run, the trace hash,
 * which a replay of the same seed must reproduce.
 */
final class Ledger {

    /** What a deferred rejected by the simulation resolves to. */
    static final long BROKEN = Long.MIN_VALUE;

    /** The problem kinds a send may break with in a cluster of honest hosts. */
    private static final Set<String> EXPECTED_BREAKS =
            Set.of(Problem.UNAVAILABLE, Problem.VAT_SHUT_DOWN, Problem.REFUSED);

    enum Kind { CALL, MAKE, KEEP }

    private static final class Sent {
        final long sender;
        final long slot;
        final long seq;
        final long designates;
        final Kind kind;
        boolean settled;

        Sent(long sender, long slot, long seq, long designates, Kind kind) {
            this.sender = sender;
            this.slot = slot;
            this.seq = seq;
            this.designates = designates;
            this.kind = kind;
        }
    }

    private final int services;
    private final Map<Long, Sent> sends = new LinkedHashMap<>();
    private final Set<Long> delivered = new HashSet<>();
    private final Set<Long> fulfilled = new HashSet<>();
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final Map<Long, Set<Long>> granted = new HashMap<>();
    private final Map<Long, Long> resolutions = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long hash = 0xcbf29ce484222325L;
    private long checks;

    /** A ledger for a cluster whose actors 0 to {@code services - 1} are the hosts' sturdy services. */
    Ledger(int services) {
        this.services = services;
    }

    /** Whether every event is printed as it is noted: {@code -Derg.sim.trace=true}, to study one seed. */
    private static final boolean PRINT = Boolean.getBoolean("erg.sim.trace");

    /** Feeds {@code event} to the trace hash. */
    void note(String event) {
        if (PRINT) {
            System.out.println("sim " + event);
        }
        for (int i = 0; i < event.length(); i++) {
            hash = (hash ^ event.charAt(i)) * 0x100000001b3L;
        }
        hash = (hash ^ '\n') * 0x100000001b3L;
    }

    long traceHash() {
        return hash;
    }

    /** Invariant checks made so far. */
    long checks() {
        return checks;
    }

    void violation(String invariant, String detail) {
        violations.add(invariant + ": " + detail);
    }

    /** The violations so far, oldest first. */
    List<String> violations() {
        return violations;
    }

    /** {@code actor} may from now on use {@code what} (an actor's id, or a deferred's). */
    void grant(long actor, long what) {
        Set<Long> holds = granted.computeIfAbsent(actor, k -> new HashSet<>());
        holds.add(what);
        long now = resolve(what);
        if (now >= 0) {
            holds.add(now);
        }
    }

    /** Whether {@code actor} may use {@code what}: itself, a service, or what it was granted. */
    boolean isGranted(long actor, long what) {
        return what == actor || what >= 0 && what < services || granted.getOrDefault(actor, Set.of()).contains(what);
    }

    /** Records a send before it is made. */
    void sent(long id, long sender, Slot via, Kind kind) {
        sends.put(id, new Sent(sender, via.id, via.nextSeq++, via.designates, kind));
        note("send " + id + " " + kind + " from " + sender + " via " + via.id + " to " + via.designates);
    }

    /** {@code deferred} was resolved to what {@code target} designates ({@link #BROKEN}: rejected). */
    void resolved(long deferred, long target) {
        resolutions.put(deferred, target);
        note("resolve " + deferred + " " + target);
        if (target != BROKEN) {
            for (Set<Long> holder : granted.values()) {
                if (holder.contains(deferred)) {
                    holder.add(target);
                }
            }
        }
    }

    /** What {@code designates} stands for now: an actor, {@link #BROKEN}, or a deferred not yet resolved. */
    long resolve(long designates) {
        long d = designates;
        for (int hops = 0; d < 0 && d != BROKEN && resolutions.containsKey(d); hops++) {
            if (hops > resolutions.size()) {
                return BROKEN;
            }
            d = resolutions.get(d);
        }
        return d;
    }

    /** Send {@code id} arrived at actor {@code at}, in one of its turns. */
    void arrived(long at, long id) {
        checks += 4;
        note("arrive " + id + " at " + at);
        Sent s = sends.get(id);
        if (s == null) {
            violation("reach", "actor " + at + " received send " + id + ", which nobody made");
            return;
        }
        if (!delivered.add(id)) {
            violation("once", "send " + id + " was delivered twice (at actor " + at + ")");
        }
        long last = lastSeq.getOrDefault(s.slot, -1L);
        if (s.seq != last + 1) {
            violation("e-order", "send " + id + " is message " + s.seq + " through reference " + s.slot + " of actor "
                    + s.sender + ", but the last one delivered was " + last);
        }
        lastSeq.put(s.slot, Math.max(last, s.seq));
        long meant = resolve(s.designates);
        if (meant != at) {
            violation("reach", "send " + id + " through reference " + s.slot + " (designating " + s.designates
                    + ", now " + meant + ") arrived at actor " + at);
        }
        if (!isGranted(s.sender, at)) {
            violation("reach", "actor " + s.sender + " reached actor " + at + " (send " + id + ") without being granted it");
        }
    }

    /** Send {@code id} was answered with {@code value}, its own id for calls and keeps. */
    void fulfilled(long id, long value) {
        checks += 2;
        note("fulfilled " + id);
        Sent s = settle(id);
        if (s == null) {
            return;
        }
        fulfilled.add(id);
        if (!delivered.contains(id)) {
            violation("once", "send " + id + " was answered but never delivered");
        }
        if (s.kind != Kind.MAKE && value != id) {
            violation("once", "send " + id + " was answered with the answer of " + value);
        }
    }

    /** Send {@code id} broke with {@code why}. */
    void broken(long id, Problem why) {
        checks += 2;
        note("broken " + id + " " + why.kind());
        if (settle(id) != null && !EXPECTED_BREAKS.contains(why.kind())) {
            violation("once", "send " + id + " broke with an unexpected problem: " + why);
        }
    }

    private Sent settle(long id) {
        Sent s = sends.get(id);
        if (s == null) {
            violation("once", "an answer to send " + id + ", which nobody made");
            return null;
        }
        if (s.settled) {
            violation("once", "send " + id + " settled twice");
            return null;
        }
        s.settled = true;
        return s;
    }

    /** Once the cluster is quiet: every send of a live actor has settled. */
    void checkSettled(LongPredicate alive) {
        for (Map.Entry<Long, Sent> e : sends.entrySet()) {
            checks++;
            Sent s = e.getValue();
            if (!s.settled && alive.test(s.sender)) {
                violation("once", "send " + e.getKey() + " (" + s.kind + " from actor " + s.sender + " via reference "
                        + s.slot + " to " + s.designates + ") never settled, though the cluster is quiet");
            }
        }
    }

    /** Once the cluster is quiet: every probe, a call through a sturdy ref to a host that is up, was answered. */
    void checkProbes(Set<Long> probes) {
        for (long id : probes) {
            checks++;
            if (!fulfilled.contains(id)) {
                violation("sturdy", "send " + id + ", a call through a sturdy ref fetched once the cluster healed, was not answered");
            }
        }
    }

    /** Every reference {@code actor} holds designates something it was granted. */
    void checkHoldings(long actor, List<Slot> slots) {
        for (Slot slot : slots) {
            checks++;
            if (!isGranted(actor, slot.designates)) {
                violation("reach", "actor " + actor + " holds reference " + slot.id + " to " + slot.designates
                        + ", which it was never granted");
            }
        }
    }
}
