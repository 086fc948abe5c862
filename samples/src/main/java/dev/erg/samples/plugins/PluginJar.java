package dev.erg.samples.plugins;

import dev.erg.confine.Bundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Packs a plugin's compiled classes into the jar a user uploads: the class files, read from
 * the class path, and a manifest naming the entry class.
 */
public final class PluginJar {

    private PluginJar() {
    }

    /** A jar of {@code entry}, its entry class, and the {@code others} it uses. */
    public static byte[] of(Class<?> entry, Class<?>... others) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name(Bundle.ENTRY_ATTRIBUTE), entry.getName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            add(jar, entry);
            for (Class<?> type : others) {
                add(jar, type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void add(JarOutputStream jar, Class<?> type) throws IOException {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no class file " + path + " on the class path");
            }
            JarEntry file = new JarEntry(path);
            // A fixed time: the same classes make the same jar, and so the same bundle name.
            file.setTime(0);
            jar.putNextEntry(file);
            in.transferTo(jar);
            jar.closeEntry();
        }
    }
}
