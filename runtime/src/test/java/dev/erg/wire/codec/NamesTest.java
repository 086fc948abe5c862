package dev.erg.wire.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aNameReadAgainIsTheSameString() {
        byte[] first = "  deposit".getBytes(StandardCharsets.US_ASCII);
        byte[] again = "deposit!".getBytes(StandardCharsets.US_ASCII);

        String name = Names.lookUp(first, 2, 7);

        assertThat(name).isEqualTo("deposit");
        assertThat(Names.lookUp(again, 0, 7)).isSameAs(name);
    }

    @Test
    void onlyShortAsciiNamesAreKept() {
        byte[] accented = "café".getBytes(StandardCharsets.UTF_8);
        byte[] longName = "x".repeat(Names.MAX_BYTES + 1).getBytes(StandardCharsets.US_ASCII);

        assertThat(Names.lookUp(accented, 0, accented.length)).isNull();
        assertThat(Names.lookUp(longName, 0, longName.length)).isNull();
        assertThat(Names.lookUp(longName, 0, Names.MAX_BYTES)).isEqualTo("x".repeat(Names.MAX_BYTES));
    }

    @Test
    void namesThatShareASlotAreEachReadAsThemselves() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String expected = "m" + Integer.toString(random.nextInt(5_000), 36);
            byte[] bytes = expected.getBytes(StandardCharsets.US_ASCII);
            assertThat(Names.lookUp(bytes, 0, bytes.length)).as("seed %d", seed).isEqualTo(expected);
        }
    }
}
