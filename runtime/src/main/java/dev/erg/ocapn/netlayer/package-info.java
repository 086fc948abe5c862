/**
 * OCapN netlayers (internal): {@code tcp-testing-only}, plain TCP carrying CapTP's operations
 * one after another with no framing but Syrup's own, and the per-node bookkeeping of which
 * connection to each peer node survives crossed hellos.
 */
package dev.erg.ocapn.netlayer;
