/**
 * CapTP calls between two processes on loopback, over {@link dev.erg.net.Node}: call round
 * trip, pipelined throughput and dependent chains ({@link dev.erg.bench.captp.CapTpBench},
 * served by {@link dev.erg.bench.captp.CapTpPeer}), beside Apache Pekko Artery remoting over
 * {@code tls-tcp} ({@link dev.erg.bench.captp.ArteryPingPong}). Plain programs, not JMH.
 */
package dev.erg.bench.captp;
