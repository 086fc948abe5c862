package dev.erg.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

    /** RFC 4648 section 10, in lower case and without padding. */
    @ParameterizedTest
    @CsvSource({"'',''", "f,my", "fo,mzxq", "foo,mzxw6", "foob,mzxw6yq", "fooba,mzxw6ytb",
            "foobar,mzxw6ytboi"})
    void encodesAndDecodesTheRfcVectors(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(US_ASCII))).isEqualTo(encoded);
        assertThat(Base32.decode(encoded, "x")).isEqualTo(plain.getBytes(US_ASCII));
        assertThat(Base32.decode(encoded.toUpperCase(), "x")).isEqualTo(plain.getBytes(US_ASCII));
    }

    @ParameterizedTest
    @CsvSource({"m,1", "mzx,3", "mzxw6y,6"})
    void refusesLengthsThatCannotEncodeWholeBytes(String text, int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Base32.decode(text, "thing"))
                .withMessage("thing: " + length + " base32 characters cannot encode whole bytes");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {"mzxw1,'1',4", "mzx=,'=',3", "0y,'0',0"})
    void refusesCharactersOutsideTheAlphabet(String text, String quoted, int index) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Base32.decode(text, "thing"))
                .withMessage("thing: bad character " + quoted + " at index " + index
                        + " (expected a-z or 2-7)");
    }

    @ParameterizedTest
    @CsvSource({"mz,1", "mzxr,3"})
    void refusesNonZeroPaddingBits(String text, int index) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Base32.decode(text, "thing"))
                .withMessage("thing: last character '" + text.charAt(index) + "' at index " + index
                        + " has non-zero padding bits");
    }
}
