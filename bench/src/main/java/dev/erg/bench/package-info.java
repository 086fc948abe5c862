/**
 * JMH benchmarks of the vat runtime, and the same workloads run on Apache Pekko typed actors
 * so that the two sit side by side in one run. {@link dev.erg.bench.VatFootprint} is a plain
 * program that measures the heap an idle vat costs. See {@code bench/README.md}.
 */
package dev.erg.bench;
