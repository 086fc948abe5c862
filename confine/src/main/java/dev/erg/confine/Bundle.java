package dev.erg.confine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Code to run in a confined vat: class files and the name of the class that starts a vat,
 * named by the SHA-256 of the bytes it was made from. A bundle is only read here, never
 * loaded; {@link Verifier} judges it.
 *
 * <p>A jar bundle names its entry class in its manifest's {@value #ENTRY_ATTRIBUTE} attribute.
 * Reading is bounded: at most {@value #MAX_BYTES} bytes of jar, {@value #MAX_CLASSES}
 * entries and {@value #MAX_BYTES} bytes uncompressed in all; only class files and the manifest
 * may be in it.
 */
public final class Bundle {

    /** The manifest attribute that names a jar bundle's entry class. */
    public static final String ENTRY_ATTRIBUTE = "Erg-Entry";
    /** The most bytes a bundle may have, compressed or not. */
    public static final int MAX_BYTES = 16 << 20;
    /** The most entries (classes) a bundle may have. */
    public static final int MAX_CLASSES = 4096;

    private static final String CLASS_SUFFIX = ".class";

    private final String hash;
    private final String entry;
    private final Map<String, byte[]> classes;

    private Bundle(String hash, String entry, Map<String, byte[]> classes) {
        this.hash = hash;
        this.entry = entry;
        this.classes = classes;
    }

    /**
     * Reads a jar.
     *
     * @throws BundleRejectedException if it is not a jar, is too large, holds anything but
     *                                 classes and a manifest, or names no entry class it holds
     */
    public static Bundle ofJar(byte[] jar) throws BundleRejectedException {
        Objects.requireNonNull(jar, "jar");
        String hash = sha256(jar);
        if (jar.length > MAX_BYTES) {
            throw malformed(hash, "the jar has " + jar.length + " bytes, more than " + MAX_BYTES);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        Manifest manifest = null;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry zip;
            while ((zip = in.getNextEntry()) != null) {
                String name = zip.getName();
                if (zip.isDirectory()) {
                    continue;
                }
                if (classes.size() >= MAX_CLASSES) {
                    throw malformed(hash, "more than " + MAX_CLASSES + " entries");
                }
                byte[] bytes = readBounded(in, MAX_BYTES - total);
                if (bytes == null) {
                    throw malformed(hash, "more than " + MAX_BYTES + " bytes uncompressed");
                }
                total += bytes.length;
                if (name.equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(bytes));
                } else if (name.endsWith(CLASS_SUFFIX) && !name.startsWith("META-INF/")) {
                    String className = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
                    if (classes.put(className, bytes) != null) {
                        throw malformed(hash, "the class " + className + " is in the jar twice");
                    }
                } else if (!name.startsWith("META-INF/") || name.endsWith(CLASS_SUFFIX)) {
                    throw malformed(hash, "the entry " + printable(name) + " is not a class file");
                }
            }
        } catch (ZipException e) {
            throw malformed(hash, "not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw malformed(hash, "unreadable: " + e.getMessage());
        }
        String entry = manifest == null ? null : manifest.getMainAttributes().getValue(new Attributes.Name(ENTRY_ATTRIBUTE));
        return checked(hash, entry, classes);
    }

    /**
     * Makes a bundle of class files given by binary class name ({@code com.example.Scorer}),
     * named by the SHA-256 of the classes' names and bytes in name order.
     *
     * @throws BundleRejectedException if {@code entry} is not among the classes, or the
     *                                 bundle is larger than a jar may be
     */
    public static Bundle ofClasses(String entry, Map<String, byte[]> classes) throws BundleRejectedException {
        Objects.requireNonNull(entry, "entry");
        Map<String, byte[]> sorted = new TreeMap<>();
        classes.forEach((name, bytes) -> sorted.put(name, bytes.clone()));
        MessageDigest digest = sha256();
        long total = 0;
        for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            digest.update(lengthOf(name.length));
            digest.update(name);
            digest.update(lengthOf(e.getValue().length));
            digest.update(e.getValue());
            total += e.getValue().length;
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        if (sorted.size() > MAX_CLASSES || total > MAX_BYTES) {
            throw malformed(hash, sorted.size() + " classes of " + total + " bytes, more than a bundle may hold");
        }
        return checked(hash, entry, sorted);
    }

    /** The SHA-256 of the bytes this bundle was made from, in lower-case hex: its name. */
    public String hash() {
        return hash;
    }

    /** The binary name of the class that starts a vat from this bundle. */
    public String entry() {
        return entry;
    }

    /** The binary names of the bundle's classes, in order. */
    public List<String> classNames() {
        return List.copyOf(classes.keySet());
    }

    /** The class file of the named class, a copy, or null if the bundle has no such class. */
    public byte[] classFile(String className) {
        byte[] bytes = classes.get(className);
        return bytes == null ? null : bytes.clone();
    }

    /** The bundle's class files by binary name, unmodifiable and not to be changed. */
    Map<String, byte[]> classFiles() {
        return classes;
    }

    @Override
    public String toString() {
        return "Bundle[" + hash.substring(0, 12) + ", " + classes.size() + " classes, entry " + entry + "]";
    }

    private static Bundle checked(String hash, String entry, Map<String, byte[]> classes)
            throws BundleRejectedException {
        if (entry == null) {
            throw malformed(hash, "names no entry class (manifest attribute " + ENTRY_ATTRIBUTE + ")");
        }
        if (!classes.containsKey(entry)) {
            throw malformed(hash, "the entry class " + printable(entry) + " is not in the bundle");
        }
        return new Bundle(hash, entry, Collections.unmodifiableMap(classes));
    }

    private static byte[] readBounded(InputStream in, long room) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(room, Integer.MAX_VALUE - 8));
        return in.read() == -1 ? bytes : null;
    }

    private static BundleRejectedException malformed(String hash, String detail) {
        return new BundleRejectedException(hash, List.of(new Violation("", "", -1, "malformed", detail)));
    }

    private static String printable(String name) {
        String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return "\"" + shown.codePoints().collect(StringBuilder::new,
                (b, c) -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c), StringBuilder::append) + '"';
    }

    private static byte[] lengthOf(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
