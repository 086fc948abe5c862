/**
 * A cluster of vat-servers sharing one PostgreSQL database: who is a member ({@link
 * dev.erg.server.cluster.Membership}), where each placed vat lives ({@link
 * dev.erg.server.cluster.Directory}), who takes the vats of a member whose lease expired, and
 * the copy of the directory each member reads at every heartbeat ({@link
 * dev.erg.server.cluster.LocationCache}), from which its listener redirects dialers.
 * The database's clock decides whether a lease holds, and its transactions decide every
 * conflict; there is no consensus of the servers' own.
 */
package dev.erg.server.cluster;
