/**
 * How many CapTP sessions one vat-server process holds, idle and busy, and the memory each
 * costs ({@link dev.erg.bench.sessions.SessionsBench}, with its clients in
 * {@link dev.erg.bench.sessions.SessionClients} processes). A plain program, not JMH.
 */
package dev.erg.bench.sessions;
