package dev.erg.server.durable;

/** A durable object as stored: its kind's name and its encoded state. */
record StoredObject(long id, String kind, byte[] state) {
}
