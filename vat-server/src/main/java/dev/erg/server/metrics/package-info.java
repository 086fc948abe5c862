/** Micrometer meters fed by the runtime, served in the Prometheus text format on loopback. */
package dev.erg.server.metrics;
