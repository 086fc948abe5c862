/**
 * What causality tracing costs: turn throughput with tracing off, on, sampled at 1%, 0.1% and
 * 0%, beside a second run of off as a control, each mode of each round in a JVM of its own, in
 * interleaved rounds of balanced orders ({@link dev.erg.bench.trace.TracingOverhead}). A plain
 * program, not JMH.
 */
package dev.erg.bench.trace;
