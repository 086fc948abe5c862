package dev.erg.samples.orgs;

import java.util.List;

/**
 * What happened in one run of {@link TwoOrganizations}.
 *
 * @param currency      the currency Brick's shop agreed to take
 * @param receipt       what the shop answered when Acme bought a widget
 * @param treasury      what Acme's treasury held after the sale
 * @param takings       what Brick's account held after the sale
 * @param attempts      how each of Brick's attempts to make money ended
 * @param treasuryAfter what Acme's treasury held after the attempts
 * @param takingsAfter  what Brick's account held after the attempts
 */
public record TradeReport(String currency, String receipt, long treasury, long takings, List<Attempt> attempts,
                          long treasuryAfter, long takingsAfter) {
}
