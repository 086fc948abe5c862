/**
 * The transparency suite: scenarios written once against a {@link dev.erg.transparency.World},
 * run by a {@link dev.erg.transparency.Harness} with all vats in one runtime, with each vat
 * behind its own node over TLS, and on the deterministic scheduler, whose
 * {@link dev.erg.transparency.Outcome}s must agree but for the differences a scenario states.
 * {@code TransparencyTest} runs the runtime's scenarios; other modules use the harness through
 * the runtime's test-jar.
 */
package dev.erg.transparency;
