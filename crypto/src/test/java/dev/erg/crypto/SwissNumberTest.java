package dev.erg.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwissNumberTest {

    /** The bytes 0, 1, ..., 31, and their text computed with Python's base64 module. */
    private static final byte[] COUNTING = counting();
    private static final String COUNTING_TEXT = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    private static byte[] counting() {
        byte[] bytes = new byte[SwissNumber.LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void isWrittenAsUrlSafeBase64WithoutPadding() {
        SwissNumber number = SwissNumber.fromBytes(COUNTING);

        assertThat(number.text()).isEqualTo(COUNTING_TEXT);
        assertThat(SwissNumber.parse(COUNTING_TEXT)).isEqualTo(number);
    }

    @Test
    void roundTripsARandomNumber() {
        SwissNumber number = SwissNumber.random(Fixtures.seededRandom(7));

        assertThat(number.text()).hasSize(SwissNumber.TEXT_LENGTH).doesNotContain("=", "+", "/");
        assertThat(SwissNumber.parse(number.text())).isEqualTo(number).hasSameHashCodeAs(number);
        assertThat(SwissNumber.fromBytes(number.bytes())).isEqualTo(number);
    }

    @Test
    void drawsAllItsBytesFromTheRandomSource() {
        SwissNumber first = SwissNumber.random(Fixtures.seededRandom(7));

        assertThat(SwissNumber.random(Fixtures.seededRandom(7))).isEqualTo(first);
        assertThat(SwissNumber.random(Fixtures.seededRandom(8))).isNotEqualTo(first);
        assertThat(first.bytes()).hasSize(SwissNumber.LENGTH);
    }

    @Test
    void numbersDifferingOnlyInTheLastByteAreNotEqual() {
        byte[] other = COUNTING.clone();
        other[31] ^= 1;

        assertThat(SwissNumber.fromBytes(other)).isNotEqualTo(SwissNumber.fromBytes(COUNTING));
    }

    @Test
    void toStringHidesTheSecret() {
        SwissNumber number = SwissNumber.fromBytes(COUNTING);

        assertThat(number).hasToString("SwissNumber[redacted]");
        assertThat(number.toString()).doesNotContain(COUNTING_TEXT.substring(0, 8));
    }

    @Test
    void bytesAreACopy() {
        SwissNumber number = SwissNumber.fromBytes(COUNTING);
        number.bytes()[0] = 99;

        assertThat(number.bytes()).isEqualTo(COUNTING);
    }

    @Test
    void refusesBytesOfTheWrongLength() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwissNumber.fromBytes(new byte[16]))
                .withMessage("swiss number: expected 32 bytes, got 16");
    }

    @ParameterizedTest
    @CsvSource({"AAAA,4", "'',0"})
    void refusesTextOfTheWrongLength(String text, int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwissNumber.parse(text))
                .withMessage("swiss number: expected 43 characters, got " + length);
    }

    @Test
    void refusesPaddedText() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwissNumber.parse(COUNTING_TEXT + "="))
                .withMessage("swiss number: expected 43 characters, got 44");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"0,+,'+'", "10,/,'/'", "42,=,'='", "3,\" \",U+0020"})
    void refusesABadCharacterAndSaysWhereButNotWhat(int index, char bad, String quoted) {
        StringBuilder text = new StringBuilder(COUNTING_TEXT);
        text.setCharAt(index, bad);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwissNumber.parse(text.toString()))
                .withMessage("swiss number: bad character " + quoted + " at index " + index
                        + " (expected A-Z, a-z, 0-9, '-' or '_')");
    }

    @Test
    void refusesANonCanonicalLastCharacter() {
        // 43 characters carry 258 bits; 'h' is 33, so it sets one of the two padding bits.
        String text = COUNTING_TEXT.substring(0, 42) + "h";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwissNumber.parse(text))
                .withMessage(
                        "swiss number: last character 'h' at index 42 has non-zero padding bits");
    }
}
