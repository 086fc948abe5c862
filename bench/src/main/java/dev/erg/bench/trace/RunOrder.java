package dev.erg.bench.trace;

/**
 * The order in which a benchmark runs its modes, round by round: a Williams design, in which
 * each mode runs equally often in each place of a round and right after each other mode. So
 * neither a round's first place nor what ran just before (its garbage, the heap it left, the
 * code it had compiled) falls on one mode more than another. A block of rounds is balanced:
 * {@code n} rounds for {@code n} modes if {@code n} is even, {@code 2n} if it is odd.
 */
final class RunOrder {

    private final int[][] block;

    /** @param modes how many modes a round runs, at least 1 */
    RunOrder(int modes) {
        if (modes < 1) {
            throw new IllegalArgumentException("modes: " + modes + " (expected: >= 1)");
        }
        int[] first = new int[modes];
        for (int place = 1; place < modes; place++) {
            // 0, 1, n-1, 2, n-2, ...: the differences between neighbours take every value once.
            first[place] = place % 2 == 1 ? (place + 1) / 2 : modes - place / 2;
        }
        int rows = modes % 2 == 0 ? modes : 2 * modes;
        block = new int[rows][modes];
        for (int shift = 0; shift < modes; shift++) {
            for (int place = 0; place < modes; place++) {
                block[shift][place] = (first[place] + shift) % modes;
                if (rows > modes) {
                    // An odd number of modes needs the mirrored rows too for each pair to follow both ways.
                    block[modes + shift][modes - 1 - place] = block[shift][place];
                }
            }
        }
    }

    /** The rounds of one balanced block. */
    int blockLength() {
        return block.length;
    }

    /** The modes of round {@code round} (from 0), in the order they run; rounds past a block begin the next. */
    int[] round(int round) {
        return block[round % block.length].clone();
    }
}
