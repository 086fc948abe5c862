package dev.erg.server.durable;

import dev.erg.vat.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable engine's hold on its store: whether it is up, reconnecting or fenced, what a
 * call is told meanwhile, how long to wait between attempts to reconnect, and when the lease
 * is due for renewal. Used on the engine's thread; {@link #status()} from any.
 */
final class StoreLink {

    /** What one attempt to reconnect found. */
    sealed interface Reconnection {
        /** The store is back; {@code landed} says whether the commit that failed in doubt was made. */
        record Back(boolean landed) implements Reconnection {
        }

        /** Another server has claimed the store since. */
        record Fenced(String why) implements Reconnection {
        }

        /** Not yet: try again after {@code retryAfter}. */
        record Failed(Duration retryAfter) implements Reconnection {
        }
    }

    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(StoreLink.class);

    private final JdbcStore store;
    private final Alarms alarms;
    private final String vatId;
    private final Runnable onFenced;
    private volatile StoreStatus status = new StoreStatus(StoreStatus.State.UP, Instant.now(), "", 0);
    private Duration backoff = MIN_BACKOFF;
    private int attempts;
    private long lastRenewal = System.nanoTime();

    /** {@code onFenced} runs once, when another server turns out to own the store. */
    StoreLink(JdbcStore store, Alarms alarms, String vatId, Runnable onFenced) {
        this.store = store;
        this.alarms = alarms;
        this.vatId = vatId;
        this.onFenced = onFenced;
    }

    StoreStatus status() {
        return status;
    }

    /** What a call is told while the store is not up. */
    Problem refusal() {
        return refusal(status);
    }

    private static Problem refusal(StoreStatus status) {
        return switch (status.state()) {
            case UP -> throw new IllegalStateException("the store is up");
            case RECONNECTING -> Problem.of(DurableHost.STORE_UNAVAILABLE,
                    "the durable store is unreachable since %s (%s); nothing was done", status.since(), status.cause());
            case FENCED -> fenced(status.cause());
        };
    }

    /** What a call is told when {@code why} another server owns the store. */
    static Problem fenced(String why) {
        return Problem.of(DurableHost.FENCED, "%s; this vat-server serves its durable objects no more", why);
    }

    /** Commits {@code batch}, which renews the lease; see {@link JdbcStore#commit}. */
    void commit(Batch batch) {
        store.commit(batch);
        lastRenewal = System.nanoTime();
    }

    /** The connection is lost: from now on calls break at once, and the engine reconnects. */
    void lose(String cause) {
        StoreStatus was = status;
        status = new StoreStatus(StoreStatus.State.RECONNECTING, Instant.now(), cause, was.outages() + 1);
        alarms.raise("store", "durable store lost, reconnecting: " + cause);
        backoff = MIN_BACKOFF;
        attempts = 0;
    }

    /** Another server owns the store now: nothing more is committed or served, for the rest of this run. */
    void fence(String why) {
        StoreStatus was = status;
        status = new StoreStatus(StoreStatus.State.FENCED, Instant.now(), why,
                was.outages() + (was.state() == StoreStatus.State.UP ? 1 : 0));
        LOG.error("{}: this vat-server commits nothing more and serves its durable objects no more", why);
        alarms.raise("store", "fenced: " + why);
        onFenced.run();
    }

    /**
     * One attempt to reconnect, then {@code reload} the memory from the store; on failure the
     * next attempt waits twice as long, up to {@link #MAX_BACKOFF}.
     */
    Reconnection reconnect(Runnable reload) {
        attempts++;
        boolean landed;
        try {
            landed = store.reconnect();
            reload.run();
        } catch (FencedException e) {
            fence(e.getMessage());
            return new Reconnection.Fenced(e.getMessage());
        } catch (StoredDataException e) {
            StoreStatus was = status;
            status = new StoreStatus(was.state(), was.since(), JdbcStore.oneLine(e), was.outages());
            if (Integer.bitCount(attempts) == 1) {
                LOG.warn("durable store still unreachable after {} attempts: {}", attempts, status.cause());
            }
            Duration wait = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return new Reconnection.Failed(wait);
        }
        StoreStatus was = status;
        LOG.info("durable store back after {} ms and {} attempts; this server still owns vat {} (epoch {})",
                Duration.between(was.since(), Instant.now()).toMillis(), attempts, vatId, store.epoch());
        status = new StoreStatus(StoreStatus.State.UP, Instant.now(), "", was.outages());
        lastRenewal = System.nanoTime();
        return new Reconnection.Back(landed);
    }

    /** Renews the lease when a third of it has passed without a commit; a failure is a lost store or a fence. */
    void renewIfDue() {
        if (System.nanoTime() - lastRenewal < TimeUnit.MILLISECONDS.toNanos(store.leaseMillis()) / 3) {
            return;
        }
        try {
            store.renew();
            lastRenewal = System.nanoTime();
        } catch (FencedException e) {
            fence(e.getMessage());
        } catch (StoredDataException e) {
            String cause = JdbcStore.oneLine(e);
            LOG.error("{}; reconnecting", cause);
            lose(cause);
        }
    }
}
