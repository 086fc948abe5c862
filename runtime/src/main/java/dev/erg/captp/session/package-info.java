/**
 * The CapTP session engine (internal): the import, export, question and answer tables of one
 * session, promise pipelining, embargoes, three-party handoffs and the sturdy-ref table. Not
 * exported; {@link dev.erg.net.Node} drives it.
 */
package dev.erg.captp.session;
