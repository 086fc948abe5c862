package dev.erg.server.spawn;

/**
 * What one holder of a vat maker may use.
 *
 * @param vats        the most vats it may have running at once
 * @param bundleBytes the most bytes of bundles it may keep uploaded
 */
public record SpawnQuota(int vats, long bundleBytes) {

    public SpawnQuota {
        if (vats < 1 || bundleBytes < 0) {
            throw new IllegalArgumentException("a quota needs at least one vat and no negative bytes: " + vats + ", "
                    + bundleBytes);
        }
    }

    /** 16 vats and 64 MiB of bundles. */
    public static SpawnQuota defaults() {
        return new SpawnQuota(16, 64L << 20);
    }
}
