package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmnesiaTest {

    private static final String STREAM = "00112233445566778899aabbccddeeff";
    private static final String START = "0123456789abcdef0123456789abcdef";
    private static final String RESTORED = "fedcba9876543210fedcba9876543210";

    private static Letter letter(long senderGeneration, long receiverGeneration, long seq, long ackedThrough) {
        return letter(senderGeneration, START, receiverGeneration, seq, ackedThrough);
    }

    private static Letter letter(long senderGeneration, String incarnation, long receiverGeneration, long seq,
                                 long ackedThrough) {
        return new Letter(STREAM, "peer", senderGeneration, incarnation, receiverGeneration, seq, ackedThrough, "swiss", "m",
                new byte[]{1});
    }

    private static InStream stream(long last, long floor, long senderGeneration) {
        return new InStream(STREAM, "peer", last, floor, senderGeneration, START, null);
    }

    @Test
    void theNextLetterAndRepeatsOfConsumedOnesPass() {
        assertThat(Amnesia.refusal(letter(1, 0, 1, 0), null, 1)).isNull();
        assertThat(Amnesia.refusal(letter(2, 3, 6, 4), stream(5, 4, 2), 3)).isNull();
        assertThat(Amnesia.refusal(letter(2, 3, 5, 4), stream(5, 4, 2), 3)).as("a repeat").isNull();
        assertThat(Amnesia.refusal(letter(1, 3, 5, 2), stream(5, 4, 2), 3))
                .as("a repeat with older counts, judged by its receipt").isNull();
    }

    @Test
    void aReceiverBehindWhatItsPeerSawWasRestored() {
        assertThat(Amnesia.refusal(letter(1, 4, 6, 4), stream(5, 4, 1), 3))
                .contains("generation 4", "only at generation 3", "this vat was restored");
        assertThat(Amnesia.refusal(letter(1, 3, 9, 8), stream(5, 4, 1), 3))
                .contains("receipts up to letter 8", "consuming only 5", "this vat was restored");
        assertThat(Amnesia.refusal(letter(1, 3, 7, 4), stream(5, 4, 1), 3))
                .contains("letter 7 comes after 5", "this vat was restored");
        assertThat(Amnesia.refusal(letter(1, 0, 2, 1), null, 1)).as("a stream it forgot").contains("this vat was restored");
    }

    @Test
    void aSenderWhoseCountsGoBackWasRestored() {
        assertThat(Amnesia.refusal(letter(1, 3, 6, 4), stream(5, 4, 2), 3))
                .contains("from generation 1 after generation 2", "the sender was restored");
        assertThat(Amnesia.refusal(letter(2, 3, 6, 3), stream(5, 4, 2), 3))
                .contains("only up to 3 after confirming up to 4", "the sender was restored");
    }

    @Test
    void aSenderThatStartsTwiceUnderOneGenerationWasRestoredEvenIfItRepeatsItself() {
        assertThat(Amnesia.refusal(letter(2, RESTORED, 3, 5, 4), stream(5, 4, 2), 3))
                .as("a letter sent again, byte for byte, by another start of the same generation")
                .contains("two starts of vat peer both write as generation 2", START, RESTORED, "the sender was restored");
        assertThat(Amnesia.refusal(letter(2, RESTORED, 3, 6, 4), stream(5, 4, 2), 3)).contains("two starts");
        assertThat(Amnesia.refusal(letter(2, RESTORED, 3, 5, 4), new InStream(STREAM, "peer", 5, 4, 2, "", null), 3))
                .as("a stream stored before incarnations knows none to compare").isNull();
        assertThat(Amnesia.refusal(letter(3, RESTORED, 3, 5, 4), stream(5, 4, 2), 3)).as("a later start").isNull();
    }

    @Test
    void aLaterStartThatForgotReceiptsAnEarlierOneConfirmedWasRestoredEvenIfItRepeatsItself() {
        assertThat(Amnesia.refusal(letter(3, RESTORED, 3, 5, 2), stream(5, 4, 2), 3))
                .contains("started again (generation 3) holding receipts only up to 2 after confirming up to 4",
                        "the sender was restored");
        assertThat(Amnesia.refusal(letter(2, START, 3, 5, 2), stream(5, 4, 2), 3))
                .as("a late copy from the start that confirmed them").isNull();
    }

    @Test
    void theDigestTellsLettersApart() {
        Letter one = letter(1, 0, 1, 0);
        assertThat(Amnesia.digest(one)).isEqualTo(Amnesia.digest(letter(2, 5, 7, 3)));
        assertThat(Amnesia.digest(one)).isNotEqualTo(Amnesia.digest(
                new Letter(STREAM, "peer", 1, START, 0, 1, 0, "swiss", "m", new byte[]{2})));
        assertThat(Amnesia.digest(new Letter(STREAM, "peer", 1, START, 0, 1, 0, "ab", "c", new byte[0])))
                .as("fields are delimited").isNotEqualTo(Amnesia.digest(new Letter(STREAM, "peer", 1, START, 0, 1, 0, "a", "bc", new byte[0])));
    }
}
