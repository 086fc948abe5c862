package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.net.AvailabilityListener;
import dev.erg.net.Node;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed letters to the mailboxes of their receivers, in order, keeping up to
 * {@link #WINDOW} unacknowledged letters in flight per stream. While a receiver is
 * unreachable its letters wait; a {@link Node#watch} tells when it is back (Joule's
 * {@code Available}), and the letters not yet acknowledged are sent again from the first.
 * Receipts go to the {@link Engine} in stream order. Lives in a vat of its own: every field
 * is touched only in its turns.
 */
final class Pump {

    /** Letters of one stream sent and not yet acknowledged, at most. */
    static final int WINDOW = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Pump.class);
    private static final Duration MIN_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final Vat vat;
    private final Node node;
    private final Engine engine;
    private final Mailbox local;
    private final Map<String, Lane> lanes = new HashMap<>();
    private volatile boolean stopped;

    /** {@code local} is this vat's own mailbox, for letters to its own objects. */
    Pump(Vat vat, Node node, Engine engine, Mailbox local) {
        this.vat = vat;
        this.node = node;
        this.engine = engine;
        this.local = local;
    }

    /** Takes up a stored stream and its letters at start. */
    void resume(Route route, List<OutLetter> letters) {
        vat.run(() -> lane(route).update(route, letters));
    }

    /** Takes a commit's new letters and acknowledgements. Any thread. */
    void committed(List<Route> routes, List<OutLetter> sent) {
        Map<String, List<OutLetter>> byStream = new HashMap<>();
        for (OutLetter letter : sent) {
            byStream.computeIfAbsent(letter.stream(), s -> new ArrayList<>()).add(letter);
        }
        vat.run(() -> {
            for (Route route : routes) {
                lane(route).update(route, byStream.getOrDefault(route.stream(), List.of()));
            }
        });
    }

    /** Sends and dials no more, from now on: the letters stay stored for the next start. Any thread. */
    void stop() {
        stopped = true;
        vat.run(() -> lanes.values().forEach(Lane::kick));
    }

    /** Forgets the stream {@code stream}, whose letters moved to another. Any thread. */
    void drop(String stream) {
        vat.run(() -> {
            Lane lane = lanes.remove(stream);
            if (lane != null) {
                lane.halted = "moved to another stream";
                lane.kick();
            }
        });
    }

    /** After a failed commit: what was receipted but not stored is asked for again. Any thread. */
    void resend() {
        vat.run(() -> lanes.values().forEach(Lane::rewind));
    }

    /** The state of every outbox. */
    Promise<List<OutboxStatus>> status() {
        return vat.call(() -> lanes.values().stream().map(Lane::status).toList());
    }

    private Lane lane(Route route) {
        return lanes.computeIfAbsent(route.stream(), s -> new Lane(route));
    }

    /** One stream towards one vat. */
    private final class Lane {
        private final String stream;
        private final String vatId;
        private SturdyRef mailboxRef;
        private final TreeMap<Long, OutLetter> letters = new TreeMap<>();
        private final TreeMap<Long, Receipt> early = new TreeMap<>();
        private long acked;
        private long peerGeneration;
        private String halted;
        private long receipted;
        private long nextToSend = 1;
        private Mailbox mailbox;
        private boolean connecting;
        private boolean available;
        private int epoch;
        private Duration retry = MIN_RETRY;
        private Node.Watch watch;

        Lane(Route route) {
            this.stream = route.stream();
            this.vatId = route.vat();
            this.mailboxRef = SturdyRef.parse(route.mailbox());
        }

        void update(Route route, List<OutLetter> added) {
            SturdyRef moved = SturdyRef.parse(route.mailbox());
            if (!moved.equals(mailboxRef)) {
                mailboxRef = moved;
                if (watch != null) {
                    watch.close();
                    watch = null;
                }
            }
            acked = Math.max(acked, route.acked());
            peerGeneration = Math.max(peerGeneration, route.peerGeneration());
            halted = route.halted();
            for (OutLetter letter : added) {
                letters.put(letter.seq(), letter);
            }
            letters.headMap(acked, true).clear();
            receipted = Math.max(receipted, acked);
            nextToSend = Math.max(nextToSend, acked + 1);
            kick();
        }

        void rewind() {
            receipted = acked;
            early.clear();
            nextToSend = acked + 1;
            kick();
        }

        private void kick() {
            if (stopped || halted != null || letters.isEmpty()) {
                if (watch != null) {
                    watch.close();
                    watch = null;
                }
                return;
            }
            if (mailbox == null) {
                if (vatId.equals(engine.vatId())) {
                    connect();
                } else if (watch == null) {
                    watch = node.watch(mailboxRef, vat.export((AvailabilityListener) this::available,
                            AvailabilityListener.class));
                }
                return;
            }
            while (nextToSend <= letters.lastKey() && nextToSend - acked <= WINDOW) {
                OutLetter letter = letters.get(nextToSend++);
                if (letter != null) {
                    send(letter);
                }
            }
        }

        private void send(OutLetter letter) {
            Letter sent = new Letter(stream, engine.vatId(), engine.generation(), engine.incarnation(), peerGeneration,
                    letter.seq(), acked, letter.swiss(), letter.method(), letter.args());
            int at = epoch;
            mailbox.deliver(sent).when(receipt -> receipt(letter, receipt), problem -> failed(at, problem));
        }

        private void available() {
            connect();
        }

        private void connect() {
            if (stopped || mailbox != null || connecting || halted != null || letters.isEmpty()) {
                return;
            }
            connecting = true;
            int at = ++epoch;
            // Letters to this vat's own objects take the same path, through its own mailbox.
            Promise<Mailbox> reached = vatId.equals(engine.vatId())
                    ? Promise.of(local)
                    : node.connect(mailboxRef, Mailbox.class);
            reached.when(box -> {
                connecting = false;
                if (at != epoch) {
                    return;
                }
                mailbox = box;
                retry = MIN_RETRY;
                // Marked here, not when the watch calls: a retry may connect first, and a watch
                // that saw the vat before its mailbox was offered is not told again.
                if (!available) {
                    LOG.info("outbox to vat {}: available, {} letters to deliver", vatId, letters.size());
                }
                available = true;
                nextToSend = receipted + 1;
                kick();
            }, problem -> {
                connecting = false;
                failed(at, problem);
            });
        }

        private void receipt(OutLetter letter, Receipt receipt) {
            if (halted != null || letter.seq() <= receipted) {
                return;
            }
            early.put(letter.seq(), receipt);
            for (Receipt next; (next = early.remove(receipted + 1)) != null; ) {
                receipted++;
                engine.acknowledge(letters.get(receipted), next);
            }
        }

        private void failed(int at, Problem problem) {
            // Sending such a letter again would be refused again, and hold up every letter after it.
            if (problem.kind().equals(Mailbox.AMNESIA) || problem.kind().equals(Problem.REFUSED)) {
                engine.halt(stream, "vat " + vatId + " refused letters: " + problem.message());
                return;
            }
            if (at != epoch) {
                return;
            }
            if (problem.kind().equals(Mailbox.CONFIRMED)) {
                engine.halt(stream, "vat " + vatId + " says " + problem.message() + ", which this vat has no receipt for:"
                        + " this vat was restored from an older copy of its store");
                return;
            }
            epoch++;
            mailbox = null;
            if (available) {
                LOG.warn("outbox to vat {}: unavailable ({}); {} letters wait", vatId, problem, letters.size());
            }
            available = false;
            // The watch says when a lost session is back; a refusal on a live session needs a timer.
            Duration wait = retry;
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
            vat.timer().after(wait).when(x -> connect(), p -> { });
        }

        OutboxStatus status() {
            return new OutboxStatus(vatId, letters.size(), available && mailbox != null, halted == null ? "" : halted);
        }
    }
}
