package dev.erg.samples.auction;

import dev.erg.vat.Problem;
import java.util.List;
import java.util.Map;

/**
 * What happened in one run of {@link AuctionSample}.
 *
 * @param bids    the standing after each bid that was taken, in order
 * @param refused each thing a participant tried beyond its capabilities, in words, and the
 *                problem it was refused with (null if it was not refused), in order
 * @param outcome how the auction ended
 * @param why     what {@code vat-server trace why} said about the agent's broken raise
 */
public record AuctionReport(List<Standing> bids, Map<String, Problem> refused, Outcome outcome, List<String> why) {
}
