package dev.erg.server.durable;

/**
 * The sturdy ref of a durable object made by a turn, as stored.
 *
 * @param swiss  its swiss number, as text
 * @param object the object it designates
 * @param kind   the name of that object's kind
 */
record StoredRef(String swiss, long object, String kind) {
}
