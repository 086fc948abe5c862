package dev.erg.confine.testkit;

import dev.erg.confine.Bundle;
import dev.erg.confine.BundleRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Bundles for tests, compiled from Java sources in memory against the test class path: as
 * {@link Bundle}s, or as the jars a user would upload, whose manifest names the entry class.
 * Shared by the tests of every module that confines code (erg-confine's test jar).
 */
public final class BundleCompiler {

    private BundleCompiler() {
    }

    /** A bundle of {@code sources} (binary class name to Java source) whose entry is {@code entry}. */
    public static Bundle bundle(String entry, Map<String, String> sources) {
        try {
            return Bundle.ofClasses(entry, compile(sources));
        } catch (BundleRejectedException e) {
            throw new AssertionError(e);
        }
    }

    /** A jar of {@code sources} (binary class name to Java source) whose entry is {@code entry}. */
    public static byte[] jar(String entry, Map<String, String> sources) {
        return pack(entry, compile(sources));
    }

    /** A jar of {@code classes} (binary class name to class file) whose entry is {@code entry}. */
    public static byte[] pack(String entry, Map<String, byte[]> classes) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name(Bundle.ENTRY_ATTRIBUTE), entry);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(classes).entrySet()) {
                JarEntry file = new JarEntry(e.getKey().replace('.', '/') + ".class");
                // A fixed time, so that the same classes make the same jar and the same hash.
                file.setTime(0);
                jar.putNextEntry(file);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The class files of {@code sources}, by binary name; fails the test on a compile error. */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(
                new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
        List<String> options = List.of("-classpath", classPath(), "-proc:none", "--release", "25", "-Xlint:none", "-nowarn");
        if (!compiler.getTask(null, files, diagnostics, options, null, units).call()) {
            throw new AssertionError("bundle does not compile: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
