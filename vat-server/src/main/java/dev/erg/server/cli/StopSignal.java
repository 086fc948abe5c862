package dev.erg.server.cli;

/** What a running server waits for before it stops: SIGTERM or Ctrl-C, or a test's say-so. */
@FunctionalInterface
public interface StopSignal {

    /** Blocks until the server should stop. */
    void await() throws InterruptedException;
}
