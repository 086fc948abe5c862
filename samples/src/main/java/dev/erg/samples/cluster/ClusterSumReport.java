package dev.erg.samples.cluster;

import java.util.List;

/**
 * What a run of {@link ClusterSum} showed.
 *
 * @param expected   the sum of squares worked out in closed form
 * @param computed   the sum of the tallies' totals at the end
 * @param parts      the parts the tallies hold at the end, all told
 * @param partsSent  the parts the computation was cut into
 * @param stranded   the tallies the killed server hosted
 * @param resumedOn  for each of those, the server the directory places it on at the end
 * @param killedId   the killed server's id
 * @param sentAgain  the calls sent again after they broke
 */
public record ClusterSumReport(long expected, long computed, int parts, int partsSent, List<String> stranded,
                               List<String> resumedOn, String killedId, long sentAgain) {

    public ClusterSumReport {
        stranded = List.copyOf(stranded);
        resumedOn = List.copyOf(resumedOn);
    }
}
