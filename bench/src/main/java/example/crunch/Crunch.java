/*
 * The bundle that dev.erg.bench.confine.MeterBench runs confined. It lives outside dev.erg
 * because no bundle class may be in a dev.erg package.
 */
package example.crunch;

import dev.erg.bench.confine.Cruncher;
import dev.erg.confine.Endowments;
import dev.erg.confine.VatEntry;
import dev.erg.vat.Promise;
import java.util.List;

/** Compute-heavy turns: a loop over a small table with a call in every round. */
public final class Crunch implements VatEntry, Cruncher {

    @Override
    public Object start(Endowments endowments, List<Object> args) {
        return this;
    }

    @Override
    public Promise<Long> crunch(int rounds) {
        int[] table = new int[64];
        long hash = 1;
        for (int i = 0; i < rounds; i++) {
            table[i & 63] += i;
            hash = mix(hash, table[(i * 7) & 63]);
        }
        return Promise.of(hash);
    }

    private static long mix(long hash, int value) {
        return hash * 31 + (value ^ (hash >>> 17));
    }
}
