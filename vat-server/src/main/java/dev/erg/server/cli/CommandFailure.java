package dev.erg.server.cli;

/** A command could not do what it was asked; the message, one line, says why. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }
}
