/**
 * CapTP sessions over OCapN (internal): the per-session keys and signed locations of
 * {@code op:start-session}, and a connection that feeds a stream of OCapN operations to the
 * session engine ({@link dev.erg.captp.session.Session}) and writes its messages back as
 * operations, and the three-party handoffs between a node's sessions
 * ({@link OcapnHandoffs}). No I/O; the netlayers ({@link dev.erg.ocapn.netlayer}) carry the bytes.
 */
package dev.erg.ocapn.session;
