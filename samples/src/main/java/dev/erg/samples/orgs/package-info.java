/**
 * Money between two organizations, each running a vat-server: Acme's {@link dev.erg.samples.orgs.Bank}
 * pays Brick's {@link dev.erg.samples.orgs.Shop} with a purse, never the mint
 * ({@link dev.erg.samples.orgs.TwoOrganizations}).
 */
package dev.erg.samples.orgs;
