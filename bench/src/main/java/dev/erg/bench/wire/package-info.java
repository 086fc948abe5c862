/**
 * Calls at the speed of the wire: one command, {@link dev.erg.bench.wire.WireCompare}, that
 * runs a raw Netty TLS echo, Erg CapTP, Apache Pekko Artery {@code tls-tcp} and gRPC-java
 * (unary, and a bidirectional stream) side by side in interleaved rounds, each against a
 * server in a JVM of its own, with the same 64-byte payload. A plain program, not JMH.
 */
package dev.erg.bench.wire;
