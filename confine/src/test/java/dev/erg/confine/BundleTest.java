package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** Bundles are read from jars under bounds, and whatever is wrong with a jar is a clear rejection. */
class BundleTest {

    private static final byte[] CLASS_BYTES = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    private static byte[] jar(String entry, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (entry != null) {
            manifest.getMainAttributes().put(new Attributes.Name(Bundle.ENTRY_ATTRIBUTE), entry);
        }
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String rejection(byte[] jar) {
        try {
            Bundle.ofJar(jar);
        } catch (BundleRejectedException e) {
            assertThat(e.violations()).allSatisfy(v -> assertThat(v.rule()).isEqualTo("malformed"));
            return e.violations().getFirst().detail();
        }
        throw new AssertionError("the jar was accepted");
    }

    @Test
    void aJarIsReadWithItsEntryAndNamedByItsHash() throws Exception {
        byte[] jar = jar("plugin.Main", Map.of("plugin/Main.class", CLASS_BYTES, "plugin/Util.class", CLASS_BYTES));

        Bundle bundle = Bundle.ofJar(jar);

        assertThat(bundle.entry()).isEqualTo("plugin.Main");
        assertThat(bundle.classNames()).containsExactly("plugin.Main", "plugin.Util");
        assertThat(bundle.classFile("plugin.Main")).isEqualTo(CLASS_BYTES);
        assertThat(bundle.hash()).hasSize(64).isEqualTo(Bundle.ofJar(jar).hash());
    }

    @Test
    void aTruncatedJarIsRejected() throws Exception {
        byte[] jar = jar("plugin.Main", Map.of("plugin/Main.class", new byte[1000]));

        assertThat(rejection(java.util.Arrays.copyOf(jar, jar.length / 2))).containsAnyOf("not a jar", "unreadable");
    }

    @Test
    void aJarWithoutEntriesIsRejectedForItsMissingEntryClass() {
        assertThat(rejection(new byte[0])).contains("names no entry class");
    }

    @Test
    void tooManyEntriesAreRejected() throws Exception {
        Map<String, byte[]> many = new java.util.HashMap<>();
        for (int i = 0; i <= Bundle.MAX_CLASSES; i++) {
            many.put("plugin/C" + i + ".class", CLASS_BYTES);
        }

        assertThat(rejection(jar("plugin.C0", many))).contains("more than " + Bundle.MAX_CLASSES + " entries");
    }

    @Test
    void aZipBombIsRejectedWithoutInflatingIt() throws Exception {
        byte[] bomb = jar("plugin.Main", Map.of("plugin/Main.class", new byte[Bundle.MAX_BYTES + 1]));

        assertThat(bomb.length).isLessThan(100_000);
        assertThat(rejection(bomb)).contains("bytes uncompressed");
    }

    @Test
    void entriesThatAreNotClassFilesAreRejected() throws Exception {
        byte[] jar = jar("plugin.Main", Map.of("plugin/Main.class", CLASS_BYTES, "plugin/secret.txt", new byte[1]));

        assertThat(rejection(jar)).contains("\"plugin/secret.txt\" is not a class file");
    }

    @Test
    void aMissingEntryClassIsRejected() throws Exception {
        assertThat(rejection(jar("plugin.Absent", Map.of("plugin/Main.class", CLASS_BYTES))))
                .contains("the entry class \"plugin.Absent\" is not in the bundle");
        assertThat(rejection(jar(null, Map.of("plugin/Main.class", CLASS_BYTES))))
                .contains("names no entry class");
    }

    @Test
    void aClassTwiceInTheJarIsRejected() throws Exception {
        // ZipOutputStream refuses a repeated name, so write two names of one length and rename one
        byte[] jar = jar("plugin.A", Map.of("plugin/A.class", CLASS_BYTES, "plugin/B.class", CLASS_BYTES));
        byte[] duplicated = new String(jar, StandardCharsets.ISO_8859_1).replace("plugin/B.class", "plugin/A.class")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rejection(duplicated)).contains("the class plugin.A is in the jar twice");
    }

    @Test
    void bundlesOfClassesAreNamedByTheirContent() throws Exception {
        Bundle one = Bundle.ofClasses("p.A", Map.of("p.A", CLASS_BYTES, "p.B", new byte[] {1}));
        Bundle same = Bundle.ofClasses("p.A", Map.of("p.B", new byte[] {1}, "p.A", CLASS_BYTES));
        Bundle other = Bundle.ofClasses("p.A", Map.of("p.A", CLASS_BYTES, "p.B", new byte[] {2}));

        assertThat(one.hash()).isEqualTo(same.hash()).isNotEqualTo(other.hash());
        assertThatThrownBy(() -> Bundle.ofClasses("p.C", Map.of("p.A", CLASS_BYTES)))
                .isInstanceOf(BundleRejectedException.class).hasMessageContaining("not in the bundle");
    }
}
