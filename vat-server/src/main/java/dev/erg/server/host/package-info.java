/**
 * The running server: services made by name, each in its own vat, behind sturdy refs, and its
 * admin object; in a cluster, the placed vats the directory gives it (each with its own key
 * and node on the shared listener), their hand-over when they move, and the rebalancer.
 */
package dev.erg.server.host;
