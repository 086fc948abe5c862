/**
 * Placement policies compared in a simulated cluster of 50 servers and 10,000 vats
 * ({@link dev.erg.bench.placement.PlacementBench}). A plain program, not JMH.
 */
package dev.erg.bench.placement;
