package dev.erg.server.durable;

/**
 * A letter waiting in the outbox for its receipt.
 *
 * @param stream the stream it belongs to
 * @param seq    its number in the stream
 * @param ticket the ticket the sender was given
 * @param sender the durable object that sent it, whose behaviour gets the reply
 * @param swiss  the target's swiss number, as text
 * @param method the method to call
 * @param args   the encoded arguments
 */
record OutLetter(String stream, long seq, long ticket, long sender, String swiss, String method, byte[] args) {
}
