package dev.erg.server.durable;

import java.util.List;

/**
 * A batch whose commit failed while committing: whether it was made is known once the store is
 * back. Its callers wait until {@code deadline}, a {@link System#nanoTime()}, at most. Held on
 * the engine's thread.
 */
record Doubt(Batch batch, List<Settle> settles, int turns, long deadline) {
}
