package dev.erg.server.cluster;

/**
 * The load a member posts with each heartbeat, for placement to read.
 *
 * @param turnsPerSecond turns its vats ran per second since the last heartbeat
 * @param cpuShare       the share of the machine's processors its process used, from 0 to 1
 * @param vatCount       the vats it runs
 */
public record Load(double turnsPerSecond, double cpuShare, int vatCount) {

    /** Nothing yet: what a member posts before it has measured anything. */
    public static final Load NONE = new Load(0, 0, 0);

    /** Checks that each figure is a finite number in its range. */
    public Load {
        if (!(turnsPerSecond >= 0) || Double.isInfinite(turnsPerSecond)) {
            throw new IllegalArgumentException("turns per second must be a finite number >= 0, not " + turnsPerSecond);
        }
        if (!(cpuShare >= 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("the CPU share must be from 0 to 1, not " + cpuShare);
        }
        if (vatCount < 0) {
            throw new IllegalArgumentException("the vat count must be >= 0, not " + vatCount);
        }
    }
}
