package dev.erg.stream;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Subscriber} that writes into a {@link StreamWriter}. Its signals may come on any
 * thread; each is handled in a later turn of the writer's vat, in the order they came (the
 * publisher serialises them), so the writer is never entered from a foreign thread or
 * re-entrantly.
 */
final class WritingSubscriber<T> implements Flow.Subscriber<T> {

    /** Items requested at a time: enough to fill a batch, few enough to stop soon. */
    private static final int BATCH = 64;

    private final StreamWriter<T> writer;
    private final Vat vat;
    private Flow.Subscription subscription;
    private long outstanding;
    private boolean waitingForRoom;
    private boolean ended;

    WritingSubscriber(StreamWriter<T> writer) {
        this.writer = writer;
        this.vat = writer.vat();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        vat.run(() -> {
            if (subscription != null || ended) {
                s.cancel();
                return;
            }
            subscription = s;
            writer.done().when(count -> { }, problem -> cancel());
            topUp();
        });
    }

    @Override
    public void onNext(T item) {
        vat.run(() -> {
            if (ended) {
                return;
            }
            outstanding--;
            try {
                writer.write(item);
            } catch (RuntimeException e) {
                writer.fail(Problem.from(e));
                cancel();
                return;
            }
            topUp();
        });
    }

    @Override
    public void onError(Throwable thrown) {
        vat.run(() -> {
            if (!ended) {
                ended = true;
                writer.fail(Problem.from(thrown));
            }
        });
    }

    @Override
    public void onComplete() {
        vat.run(() -> {
            if (!ended) {
                ended = true;
                writer.close(null);
            }
        });
    }

    /** Requests more once the writer has room and half the last request has arrived. */
    private void topUp() {
        if (ended || waitingForRoom || outstanding > BATCH / 2) {
            return;
        }
        Promise<Void> room = writer.ready();
        if (room.isFulfilled()) {
            subscription.request(BATCH - outstanding);
            outstanding = BATCH;
        } else if (!room.isSettled()) {
            waitingForRoom = true;
            room.when(ok -> {
                waitingForRoom = false;
                topUp();
            }, problem -> cancel());
        } else {
            cancel();
        }
    }

    private void cancel() {
        if (!ended) {
            ended = true;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
