/**
 * What causality tracing costs: turn throughput with tracing off, on and sampled at 1%, in
 * interleaved rounds ({@link dev.erg.bench.trace.TracingOverhead}). A plain program, not JMH.
 */
package dev.erg.bench.trace;
