/**
 * OpenTelemetry export of the server's traced turns, as spans, and of its meters, over OTLP:
 * beside, not instead of, the trace file and the Prometheus endpoint.
 */
package dev.erg.server.otel;
