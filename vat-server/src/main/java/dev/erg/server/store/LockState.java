package dev.erg.server.store;

import java.util.OptionalLong;

/**
 * Who holds the lock of a data directory, as far as its lock file tells: a holder writes its
 * process id there when it takes the lock and clears it when it lets go, so a process id in
 * the file of a free lock names a holder that ended without letting go (killed, or crashed).
 */
public sealed interface LockState {

    /** A process holds the lock: a running server, or a command editing the directory offline. */
    record Held(OptionalLong pid) implements LockState {
    }

    /** No process holds the lock; {@code stalePid} names the last holder if it did not let go. */
    record Free(OptionalLong stalePid) implements LockState {
    }
}
