package dev.erg.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterKeyTest {

    private final SecureRandom random = new SecureRandom(new byte[] {1});
    private final byte[] raw = new byte[32];

    {
        random.nextBytes(raw);
    }

    @TempDir
    Path tmp;

    @Test
    void aSealedValueOpensForItsContextOnly() {
        ClusterKey key = ClusterKey.of(raw);
        byte[] plain = "the vat's key".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = key.seal(plain, "vat a");

        assertThat(key.open(sealed, "vat a", "it")).isEqualTo(plain);
        assertThat(key.seal(plain, "vat a")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> key.open(sealed, "vat b", "the key of vat b"))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("the key of vat b does not open with this server's cluster key");
        assertThatThrownBy(() -> ClusterKey.generate(random).open(sealed, "vat a", "it"))
                .isInstanceOf(ClusterException.class).hasMessageContaining("give every member the same cluster key");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> key.open(sealed, "vat a", "it")).hasMessageContaining("or the value was altered");
        assertThatThrownBy(() -> key.open(new byte[] {1, 2}, "vat a", "it"))
                .hasMessage("it is damaged: not a value sealed by this build (2 bytes)");
    }

    @Test
    void theKeyIsReadFromItsFileOrElseTheEnvironment() throws Exception {
        String text = Base64.getEncoder().encodeToString(raw);
        Path file = tmp.resolve("cluster-key");
        Files.writeString(file, text + "\n");
        byte[] sealed = ClusterKey.of(raw).seal(new byte[] {9}, "x");

        assertThat(ClusterKey.load(Optional.of(file), Map.of()).open(sealed, "x", "it")).containsExactly(9);
        assertThat(ClusterKey.load(Optional.empty(), Map.of("ERG_CLUSTER_KEY", text)).open(sealed, "x", "it"))
                .containsExactly(9);
    }

    @Test
    void aMissingOrMalformedKeyIsOneLineSayingWhatToGive() throws Exception {
        Path file = tmp.resolve("cluster-key");
        assertThatThrownBy(() -> ClusterKey.load(Optional.of(file), Map.of()))
                .isInstanceOf(ClusterException.class).hasMessage("cluster.key.file: no file " + file);
        Files.writeString(file, "not base64!");
        assertThatThrownBy(() -> ClusterKey.load(Optional.of(file), Map.of()))
                .hasMessageStartingWith("cluster.key.file " + file + " is not base64: expected 32 random bytes");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> ClusterKey.load(Optional.of(file), Map.of()))
                .hasMessageStartingWith("cluster.key.file " + file + " holds 16 bytes; a cluster key is 32 random bytes");
        assertThatThrownBy(() -> ClusterKey.load(Optional.empty(), Map.of()))
                .hasMessageStartingWith("no cluster key: set cluster.key.file in the configuration, or the environment"
                        + " variable ERG_CLUSTER_KEY");
        assertThatThrownBy(() -> ClusterKey.load(Optional.empty(), Map.of("ERG_CLUSTER_KEY", "abc")))
                .hasMessageStartingWith("the environment variable ERG_CLUSTER_KEY holds 2 bytes");
        assertThat(ClusterKey.of(raw)).hasToString("ClusterKey[hidden]");
    }
}
