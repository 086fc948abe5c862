package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FetchThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FetchThrottle throttle = new FetchThrottle(4, now::get);

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void anAddressMayFailAsManyLookupsAsOneSecondsRateThenWaitsForTheBucketToRefill() throws Exception {
        InetAddress guesser = address(1);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.allows(guesser)).as("lookup %d", i).isTrue();
            throttle.failed(guesser);
        }
        assertThat(throttle.allows(guesser)).isFalse();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(throttle.allows(guesser)).isFalse();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(60));
        assertThat(throttle.allows(guesser)).as("a quarter second later: one token").isTrue();
        throttle.failed(guesser);
        assertThat(throttle.allows(guesser)).isFalse();
    }

    @Test
    void oneAddressOutOfTokensLeavesOthersAlone() throws Exception {
        for (int i = 0; i < 10; i++) {
            throttle.failed(address(1));
        }
        assertThat(throttle.allows(address(1))).isFalse();
        assertThat(throttle.allows(address(2))).isTrue();
    }

    @Test
    void aBucketNeverHoldsMoreThanOneSecondsWorth() throws Exception {
        InetAddress quiet = address(3);
        throttle.failed(quiet);
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 4; i++) {
            throttle.failed(quiet);
        }
        assertThat(throttle.allows(quiet)).isFalse();
    }

    @Test
    void addressesPastTheBoundForgetTheLeastRecentFirst() throws Exception {
        InetAddress first = address(1);
        for (int i = 0; i < 4; i++) {
            throttle.failed(first);
        }
        for (int i = 0; i < FetchThrottle.MAX_ADDRESSES; i++) {
            throttle.failed(InetAddress.getByAddress(new byte[] {11, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertThat(throttle.allows(first)).as("forgotten, so full again").isTrue();
    }
}
