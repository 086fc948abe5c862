/**
 * The stored state of durable streams' ends, in records the durable store writes as it writes
 * every object's state; not part of the API.
 */
package dev.erg.server.durable.flows;
