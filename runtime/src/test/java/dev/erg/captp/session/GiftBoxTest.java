package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Deferred;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.wire.codec.Bytes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gift box alone: deposits, withdrawals in either order, and withdrawn ids remembered. */
class GiftBoxTest {

    private static Bytes id(int n) {
        return Bytes.of(new byte[] {(byte) (n >> 8), (byte) n});
    }

    private static Problem withdrawnBefore(Bytes id) {
        return Problem.of(Problem.REFUSED, "handoff refused: gift %s was withdrawn before", id);
    }

    @Test
    void aGiftIsWithdrawnOnceAndASecondWithdrawalIsRefusedAtOnce() {
        GiftBox box = new GiftBox(10);
        box.deposit(id(1), "gift");

        assertThat(box.withdraw(id(1), Promise.defer()).join(Duration.ZERO)).isEqualTo("gift");
        Deferred<Object> again = Promise.defer();
        Promise<Object> second = box.withdraw(id(1), again);
        assertThat(second).isNotSameAs(again.promise());
        assertThat(second.problemOrNull()).isEqualTo(withdrawnBefore(id(1)));
    }

    @Test
    void aWithdrawalThatWaitedForItsDepositCountsAsWithdrawn() {
        GiftBox box = new GiftBox(10);
        Deferred<Object> waiting = Promise.defer();
        assertThat(box.withdraw(id(2), waiting)).isSameAs(waiting.promise());
        box.deposit(id(2), "late gift");

        assertThat(waiting.promise().join(Duration.ZERO)).isEqualTo("late gift");
        assertThat(box.withdraw(id(2), Promise.defer()).problemOrNull()).isEqualTo(withdrawnBefore(id(2)));
    }

    @Test
    void aDepositUnderAWithdrawnIdIsRefused() {
        GiftBox box = new GiftBox(10);
        assertThat(box.deposit(id(3), "gift")).isNull();
        box.withdraw(id(3), Promise.defer());

        assertThat(box.deposit(id(3), "again")).isEqualTo(Problem.of(Problem.REFUSED,
                "deposit refused: the gift under gift id %s was withdrawn before", id(3)));
        assertThat(box.withdraw(id(3), Promise.defer()).problemOrNull()).isEqualTo(withdrawnBefore(id(3)));
    }

    @Test
    void aSecondDepositUnderAnIdIsRefusedAndTheFirstGiftStays() {
        GiftBox box = new GiftBox(10);
        box.deposit(id(4), "first");

        assertThat(box.deposit(id(4), "second")).isEqualTo(Problem.of(Problem.REFUSED,
                "deposit refused: a gift is deposited under gift id %s already", id(4)));
        assertThat(box.withdraw(id(4), Promise.defer()).join(Duration.ZERO)).isEqualTo("first");
    }

    @Test
    void onlyTheMostRecentWithdrawalsAreRemembered() {
        GiftBox box = new GiftBox(10, 4);
        for (int n = 0; n < 5; n++) {
            box.deposit(id(n), "gift " + n);
            box.withdraw(id(n), Promise.defer());
        }
        Deferred<Object> oldest = Promise.defer();
        assertThat(box.withdraw(id(0), oldest)).isSameAs(oldest.promise());
        for (int n = 1; n < 5; n++) {
            assertThat(box.withdraw(id(n), Promise.defer()).problemOrNull()).isEqualTo(withdrawnBefore(id(n)));
        }
    }

    @Test
    void anExpiredWithdrawalIsNotRememberedAsWithdrawn() {
        GiftBox box = new GiftBox(10);
        Deferred<Object> waiting = Promise.defer();
        box.withdraw(id(6), waiting);
        box.expire(id(6), waiting, Problem.of(Problem.UNAVAILABLE, "not deposited"));
        box.deposit(id(6), "gift");

        assertThat(waiting.promise().problemOrNull()).isEqualTo(Problem.of(Problem.UNAVAILABLE, "not deposited"));
        assertThat(box.withdraw(id(6), Promise.defer()).join(Duration.ZERO)).isEqualTo("gift");
    }
}
