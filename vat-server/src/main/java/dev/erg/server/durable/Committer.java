package dev.erg.server.durable;

import dev.erg.vat.Problem;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the engine's batches through its {@link StoreLink}, and settles what waits on each:
 * once a commit is durable, the objects its turns made are offered, its callers answered and
 * its letters handed to the {@link Pump}; a failed commit breaks its callers, unless it failed
 * while committing, when they wait in {@link Doubt}, at most {@link Engine#DOUBT_WAIT}, until
 * the store says whether it was made.
 *
 * <p>Used on the engine's thread, which attaches the pump too; the counts are read from any.
 */
final class Committer {

    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final JdbcStore store;
    private final StoreLink link;
    private final LongAdder turns = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private volatile Pump pump;
    private volatile Exports exports;
    private Doubt doubt;

    Committer(JdbcStore store, StoreLink link) {
        this.store = store;
        this.link = link;
    }

    /** From now on, the objects that committed turns made are offered through {@code exports}. */
    void offerThrough(Exports exports) {
        this.exports = exports;
    }

    /** From now on, committed letters are handed to {@code pump}. */
    void handTo(Pump pump) {
        this.pump = pump;
    }

    /** The pump letters go to; null until attached. */
    Pump pump() {
        return pump;
    }

    /** How the objects turns make are offered; null until attached. */
    Exports exports() {
        return exports;
    }

    /** Turns committed so far. */
    long turns() {
        return turns.sum();
    }

    /** Commits made so far. */
    long commits() {
        return commits.sum();
    }

    /**
     * Commits {@code batch}, whose failure its caller handles: no settles wait on it.
     *
     * @throws FencedException     if another server has claimed the store
     * @throws StoredDataException if the store failed: the engine reconnects and reads its state again
     */
    void commit(Batch batch) {
        link.commit(batch);
        commits.increment();
    }

    /**
     * Commits {@code batch} of {@code n} turns and settles {@code settles} as the commit goes;
     * answers whether it is known to have committed.
     */
    boolean commit(Batch batch, List<Settle> settles, int n) {
        try {
            commit(batch);
        } catch (FencedException e) {
            Settle.fail(settles, StoreLink.fenced(e.getMessage()));
            link.fence(e.getMessage());
            return false;
        } catch (StoredDataException e) {
            String cause = JdbcStore.oneLine(e);
            link.lose(cause);
            if (store.inDoubt()) {
                LOG.error("{}; the callers of its {} turns wait up to {} s to learn whether it was made", cause, n,
                        Engine.DOUBT_WAIT.toSeconds());
                doubt = new Doubt(batch, settles, n, System.nanoTime() + Engine.DOUBT_WAIT.toNanos());
            } else {
                LOG.error("{}; the batch's {} turns are undone and their callers told", cause, n);
                Settle.fail(settles, Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; the call was undone", cause));
            }
            return false;
        }
        committed(batch, settles, n);
        return true;
    }

    /** Answers the callers of a committed batch and hands its letters to the pump. */
    private void committed(Batch batch, List<Settle> settles, int n) {
        turns.add(n);
        // Offered before any answer names them.
        for (Made made : batch.made) {
            Settle.run(() -> exports.export(made.object().id, made.object().kind, made.swiss()));
        }
        settles.forEach(s -> Settle.run(s.committed()));
        Pump p = pump;
        if (p != null && !batch.outStreams.isEmpty()) {
            p.committed(batch.outStreams.stream().map(Route::of).toList(), batch.sent);
        }
    }

    /** Breaks the callers of a batch in doubt once they have waited {@link Engine#DOUBT_WAIT}. */
    void expireDoubt() {
        if (doubt != null && System.nanoTime() - doubt.deadline() > 0) {
            Settle.fail(doubt.settles(), Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; whether the call was committed is"
                    + " unknown: the store did not come back within %d s", link.status().cause(), Engine.DOUBT_WAIT.toSeconds()));
            doubt = null;
        }
    }

    /** Another server owns the store: the callers of a batch in doubt are told {@code why}. */
    void fenced(String why) {
        if (doubt != null) {
            Settle.fail(doubt.settles(), StoreLink.fenced(why));
            doubt = null;
        }
    }

    /**
     * The store is back: a batch in doubt is settled as committed if it {@code landed}, else as
     * undone because of {@code cause}, and the pump is asked to send again what was not stored.
     */
    void back(boolean landed, String cause, Collection<OutStream> streams) {
        Doubt held = doubt;
        doubt = null;
        if (held != null && landed) {
            committed(held.batch(), held.settles(), held.turns());
        } else if (held != null) {
            Settle.fail(held.settles(), Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; the call was undone", cause));
        }
        Pump p = pump;
        if (p != null) {
            for (OutStream s : streams) {
                p.resume(Route.of(s), List.of());
            }
            p.resend();
        }
    }

    /** Breaks the callers of a batch still in doubt when the engine closes; only once its thread has ended. */
    void close() {
        Doubt held = doubt;
        if (held != null) {
            doubt = null;
            Settle.fail(held.settles(), Problem.of(Problem.VAT_SHUT_DOWN, "the durable store is closed; whether the call was"
                    + " committed is unknown"));
        }
    }
}
