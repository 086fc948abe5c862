/**
 * TLS 1.3 links between nodes (internal): the Netty transport, the per-channel handler and
 * the link a session sends on. Not exported, except to the vat-server, which reports the
 * number of frames sent.
 */
package dev.erg.net.link;
