/**
 * Streams: ordered sequences of items from one writer to one reader, with flow control, that
 * stretch across vats and machines without changing the program. A reader's
 * {@link dev.erg.stream.SendPort} and a writer's {@link dev.erg.stream.ReceivePort} are
 * capabilities passed like any other, to a vat of this JVM or another; the
 * {@link dev.erg.stream.StreamWriter} and {@link dev.erg.stream.StreamReader} that use them
 * speak the stream protocol (section 14 of {@code spec/README.md}) over ordinary eventual sends, so a
 * stream keeps the order, the failure model and the handoffs of the calls it is made of. The
 * reader grants credit in items and bytes ({@link dev.erg.stream.Window}), so what it holds
 * unread stays bounded whatever the writer does. {@link dev.erg.stream.Streams} adapts streams to
 * {@link java.util.concurrent.Flow} and to byte streams. A stream lives as long as the links
 * it rides; between durable objects of vat-servers, the vat-server's durable streams
 * ({@code dev.erg.server.durable.DurableStreams}) carry items that outlive crashes and restarts.
 */
package dev.erg.stream;
