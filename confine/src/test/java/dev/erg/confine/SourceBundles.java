package dev.erg.confine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Compiles Java sources in memory with the JDK's compiler, against the test class path, and
 * makes bundles of them: a test writes a plugin as source and verifies what javac makes of it.
 */
public final class SourceBundles {

    /** An entry class that breaks no rule, added to every bundle made from sources. */
    public static final String ENTRY = """
            package plugin;

            import dev.erg.confine.Endowments;
            import dev.erg.confine.VatEntry;
            import java.util.List;

            public class Main implements VatEntry {
                @Override
                public Object start(Endowments endowments, List<Object> args) {
                    return "started";
                }
            }
            """;
    public static final String ENTRY_CLASS = "plugin.Main";

    private static final Pattern PACKAGE = Pattern.compile("package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE = Pattern.compile("(?:class|interface|enum|record)\\s+(\\w+)");

    private SourceBundles() {}

    /** The class files javac makes of {@code sources}, by binary name; fails on a compile error. */
    public static Map<String, byte[]> compile(String... sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (String source : sources) {
            units.add(new Source(fileName(source), source));
        }
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                outputs.put(className, bytes);
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes;
                    }
                };
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-Xlint:none", "-nowarn");
        boolean compiled = compiler.getTask(null, files, diagnostics, options, null, units).call();
        if (!compiled) {
            throw new AssertionError("does not compile: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** A bundle of {@code sources} and the standard entry class {@value #ENTRY_CLASS}. */
    public static Bundle bundle(String... sources) {
        String[] all = new String[sources.length + 1];
        all[0] = ENTRY;
        System.arraycopy(sources, 0, all, 1, sources.length);
        try {
            return Bundle.ofClasses(ENTRY_CLASS, compile(all));
        } catch (BundleRejectedException e) {
            throw new AssertionError(e);
        }
    }

    private static String fileName(String source) {
        Matcher type = TYPE.matcher(source);
        if (!type.find()) {
            throw new IllegalArgumentException("no type in " + source);
        }
        Matcher pkg = PACKAGE.matcher(source);
        String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
        return dir + type.group(1) + ".java";
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String path, String text) {
            super(URI.create("mem:///" + path), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
