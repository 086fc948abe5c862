/**
 * Where a vat runs: placement of new vats and rebalancing of running ones across the servers
 * of a cluster.
 *
 * <p>Policies see the cluster only through immutable snapshots ({@link dev.erg.server.placement.ClusterView},
 * {@link dev.erg.server.placement.ServerView}, {@link dev.erg.server.placement.VatView}) that the host
 * measures: load is turns per second averaged over a window, in the same unit as a server's
 * capacity. Randomness comes only from the {@link java.util.random.RandomGenerator} passed in and
 * time only from the snapshot, so a seeded run is repeatable.
 *
 * <p>A {@link dev.erg.server.placement.PlacementPolicy} picks a server for a new vat (round robin,
 * random, power of k choices over measured load as in Orleans' resource-optimised placement, or
 * the cheapest server a vat can afford). A {@link dev.erg.server.placement.Rebalancer} proposes
 * migrations: {@link dev.erg.server.placement.HotSpotRebalancer} moves vats off hot servers with
 * hysteresis, {@link dev.erg.server.placement.EscalatorRebalancer} lets vats buy their way to
 * cheaper servers (agoric placement after Spawn, Waldspurger et al. 1992, and the escalator
 * auction of Drexler and Miller 1988). {@link dev.erg.server.placement.Placement} selects a
 * {@link dev.erg.server.placement.Strategy} per vat kind.
 *
 * <p>Nothing here is thread-safe: a placer owns its policies and calls them from one thread.
 */
package dev.erg.server.placement;
