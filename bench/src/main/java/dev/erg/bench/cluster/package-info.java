/**
 * A real cluster on one machine: vat-server processes sharing one PostgreSQL, a skewed load
 * on their placed vats, and the hot-spot rebalancer evening it out
 * ({@link dev.erg.bench.cluster.ClusterRun}). A plain program, not JMH.
 */
package dev.erg.bench.cluster;
