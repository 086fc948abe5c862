/** Spawning vats: latency of a spawn in a worker process, and of a call into one. */
package dev.erg.bench.spawn;
