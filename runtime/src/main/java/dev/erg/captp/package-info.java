/**
 * Sturdy refs: the {@code captp://} URIs by which a {@link dev.erg.net.Node} offers an object
 * to other nodes.
 *
 * <p>A {@link dev.erg.captp.SturdyRef} names the object's vat by its key, the addresses to try,
 * and an unguessable swiss number; whoever holds the text may connect to the object. See
 * {@link dev.erg.net} for an example.
 */
package dev.erg.captp;
