package dev.erg.server.durable;

/** Stored data that the code of this build cannot read, or a store that failed. */
public class StoredDataException extends RuntimeException {

    StoredDataException(String message, Throwable cause) {
        super(message, cause);
    }

    StoredDataException(String message) {
        super(message);
    }
}
