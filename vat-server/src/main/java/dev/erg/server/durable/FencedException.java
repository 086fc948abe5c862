package dev.erg.server.durable;

/** Another vat-server has claimed the store since this one did: this one may commit nothing more. */
public final class FencedException extends StoredDataException {

    FencedException(String message) {
        super(message);
    }
}
