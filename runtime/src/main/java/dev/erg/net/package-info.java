/**
 * Nodes: vats of different JVMs calling each other over CapTP on mutually authenticated
 * TLS 1.3.
 *
 * <p>A {@link dev.erg.net.Node} is one {@link dev.erg.crypto.VatIdentity} on the network. It
 * listens, offers objects as {@link dev.erg.captp.SturdyRef}s, and connects to the sturdy refs
 * of other nodes, whose objects then answer the same eventual sends as objects of the same JVM.
 * A node listens on a port of its own, or shares a {@link dev.erg.net.Listener} with the other
 * vats of its server: each dialer names the vat it wants by TLS server name, and a
 * {@link dev.erg.net.VatLocator} lets the listener redirect dialers to where a vat moved.
 * {@link dev.erg.net.NetConfig} sets the limits, timeouts and threads of its links;
 * {@link dev.erg.net.PeerStatus}, {@link dev.erg.net.PeerListener} and
 * {@link dev.erg.net.AvailabilityListener} report on its peers.
 *
 * {@snippet class=dev.erg.net.NodeExamplesTest region="connect"}
 *
 * <p>An identity is a new Ed25519 key, or one loaded from a key file:
 *
 * {@snippet class=dev.erg.net.NodeExamplesTest region="identity"}
 */
package dev.erg.net;
