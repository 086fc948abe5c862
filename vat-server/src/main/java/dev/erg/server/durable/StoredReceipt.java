package dev.erg.server.durable;

/**
 * A receipt kept so that a letter delivered again is answered the same, with the digest of
 * the letter it answered, so that a different letter under the same number is noticed.
 */
record StoredReceipt(byte[] digest, Receipt receipt) {
}
