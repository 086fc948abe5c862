/**
 * Durable objects: state that survives crashes, restarts and upgrades, and messages between
 * vats delivered exactly once.
 *
 * <p>A service declares a {@link dev.erg.server.durable.Kind} (a state record, a remote
 * interface and the code that answers it), and its code works through its
 * {@link dev.erg.server.durable.Self}. The {@link dev.erg.server.durable.DurableHost} runs
 * every call as a turn and commits turns in batches to SQLite or PostgreSQL. Nothing a turn
 * does leaves before its commit: its answer, the letters it sends, the sturdy refs of the
 * objects it makes. Letters wait in an outbox until the receiving vat's
 * {@link dev.erg.server.durable.Mailbox} has consumed them and returned a
 * {@link dev.erg.server.durable.Receipt}. The numbers they carry let each side notice that
 * the other was restored from an old copy of its store. A
 * {@linkplain dev.erg.server.durable.DurableStreams durable stream} carries items from one
 * object to another as letters, in order and within a window, to a
 * {@link dev.erg.server.durable.StreamSink}.
 */
package dev.erg.server.durable;
