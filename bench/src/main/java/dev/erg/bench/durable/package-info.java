/**
 * Durable turns per second and their answer latency on SQLite and PostgreSQL, with and without
 * group commit ({@link dev.erg.bench.durable.DurableBench}). A plain program, not JMH.
 */
package dev.erg.bench.durable;
