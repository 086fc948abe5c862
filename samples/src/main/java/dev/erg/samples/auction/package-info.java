/**
 * An auction whose participants hold only the capabilities they were given: the seller an
 * {@link dev.erg.samples.auction.AuctionControl}, each bidder a
 * {@link dev.erg.samples.auction.Bidder} facet bound to its name
 * ({@link dev.erg.samples.auction.AuctionSample}).
 */
package dev.erg.samples.auction;
