/**
 * Causality tracing, in the model of E's Causeway: which turn sent which message, which turn
 * received it, and how its answer settled, across vats and machines.
 *
 * <p>A {@link dev.erg.trace.Tracer} given to {@link dev.erg.vat.VatRuntime.Builder#tracer}
 * makes every eventual send of a sampled turn carry a {@link dev.erg.trace.TraceContext}
 * (W3C trace-context shape: trace id, span id, flags), within the JVM and, as an optional
 * field of the message, on the wire. Each vat records sends, turn boundaries and settled
 * answers in its {@link dev.erg.trace.TraceLog}, a ring buffer, and optionally a
 * {@link dev.erg.trace.TraceSink} such as a {@link dev.erg.trace.TraceFile}.
 * {@link dev.erg.trace.TraceGraph} merges the logs of several vats or servers into the
 * message-order graph and answers why an answer broke.
 *
 * <p>This package depends on no other of the runtime's: problems appear in it as their kind
 * and message.
 */
package dev.erg.trace;
