package dev.erg.server.durable;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Problems an operator must look into, newest last; the oldest are forgotten past {@value #KEPT}. */
final class Alarms {

    static final int KEPT = 100;

    private final Deque<String> raised = new ArrayDeque<>();

    synchronized void raise(String what) {
        if (raised.size() == KEPT) {
            raised.removeFirst();
        }
        raised.addLast(Instant.now() + " " + what);
    }

    synchronized List<String> all() {
        return List.copyOf(raised);
    }
}
