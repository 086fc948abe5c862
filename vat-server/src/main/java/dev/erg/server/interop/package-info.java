/**
 * The objects the public OCapN test suite calls, hosted by a vat-server with
 * {@code ocapn.interop = on} under the swiss numbers the suite uses ({@link InteropObjects}).
 * The suite calls them without a method symbol, so each is a {@link Procedure}.
 */
package dev.erg.server.interop;
