package dev.erg.samples.logship;

import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.durable.StreamEvent;
import dev.erg.server.durable.StreamSink;
import dev.erg.vat.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A durable {@link Journal}: each line of the stream comes in a turn of its own, which adds
 * it to the chain and commits with its receipt, so that a line is taken once whatever crashes.
 */
final class JournalBook implements Journal, StreamSink {

    record State(long lines, String chain, String end) {
    }

    static final Kind<State, Journal> KIND = new Kind<>("order-journal", State.class, Journal.class, JournalBook::new);

    /** The chain before any line. */
    static final String START = "00".repeat(32);

    private final Self<State> self;

    JournalBook(Self<State> self) {
        this.self = self;
    }

    @Override
    public void receive(StreamEvent event) {
        State s = self.state();
        switch (event) {
            case StreamEvent.Opened _ -> {
            }
            case StreamEvent.Item item -> self.update(new State(s.lines() + 1, link(s.chain(), (String) item.value()), ""));
            case StreamEvent.Closed closed -> self.update(new State(s.lines(), s.chain(),
                    "closed " + closed.count() + ": " + closed.value()));
            case StreamEvent.Failed failed -> self.update(new State(s.lines(), s.chain(),
                    "failed " + failed.count() + ": " + failed.reason()));
        }
    }

    /** The link after {@code chain} for {@code line}. */
    static String link(String chain, String line) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(chain));
            return HexFormat.of().formatHex(sha256.digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Promise<Report> report() {
        State s = self.state();
        return Promise.of(new Report(s.lines(), s.chain(), s.end()));
    }
}
