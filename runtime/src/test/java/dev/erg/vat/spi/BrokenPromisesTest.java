package dev.erg.vat.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import org.junit.jupiter.api.Test;

class BrokenPromisesTest {

    private static long count(String kind) {
        return BrokenPromises.counts().getOrDefault(kind, 0L);
    }

    @Test
    void aPromiseIsCountedWhereItBreaksNotAgainWhereItFollows() {
        String kind = "BrokenPromisesTestOnce";
        Deferred<String> first = Promise.defer();
        Deferred<String> follower = Promise.defer();
        follower.resolver().forward(first.promise());

        first.resolver().reject(Problem.of(kind, "once"));
        Promise.broken(Problem.of(kind, "made broken"));

        assertThat(follower.promise().isSettled()).isTrue();
        assertThat(count(kind)).as("the rejected promise and the one made broken; not the follower").isEqualTo(2);
    }

    @Test
    void kindsPastTheLimitAreCountedTogether() {
        for (int i = 0; i <= BrokenPromises.MAX_KINDS; i++) {
            Promise.broken(Problem.of("BrokenPromisesTestKind" + i, "one of many kinds"));
        }

        assertThat(BrokenPromises.counts()).hasSizeLessThanOrEqualTo(BrokenPromises.MAX_KINDS + 1);
        assertThat(count(BrokenPromises.OTHER)).isPositive();
    }
}
