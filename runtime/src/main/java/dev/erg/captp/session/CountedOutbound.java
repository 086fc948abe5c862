package dev.erg.captp.session;

import dev.erg.wire.codec.Message;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** An {@link Outbound} that counts the messages it passes on, for a session's metrics. */
final class CountedOutbound implements Outbound {

    private final Outbound out;
    private final LongAdder sent = new LongAdder();

    CountedOutbound(Outbound out) {
        this.out = out;
    }

    /** How many messages went out through this. */
    long sent() {
        return sent.sum();
    }

    @Override
    public void send(Message message) {
        sent.increment();
        out.send(message);
    }

    @Override
    public void send(List<Message> messages) {
        sent.add(messages.size());
        out.send(messages);
    }

    @Override
    public void send(Message message, Runnable queued) {
        sent.increment();
        out.send(message, queued);
    }

    @Override
    public void send(List<Message> messages, Runnable queued) {
        sent.add(messages.size());
        out.send(messages, queued);
    }

    @Override
    public void flushSoon(Runnable flush) {
        out.flushSoon(flush);
    }
}
