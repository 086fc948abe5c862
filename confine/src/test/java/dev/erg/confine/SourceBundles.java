package dev.erg.confine;

import dev.erg.confine.testkit.BundleCompiler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes bundles of Java sources, each naming its own class, compiled by {@link BundleCompiler}: a
 * test writes a plugin as source and verifies what javac makes of it.
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
        Map<String, String> named = new LinkedHashMap<>();
        for (String source : sources) {
            named.put(binaryName(source), source);
        }
        return BundleCompiler.compile(named);
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

    private static String binaryName(String source) {
        Matcher type = TYPE.matcher(source);
        if (!type.find()) {
            throw new IllegalArgumentException("no type in " + source);
        }
        Matcher pkg = PACKAGE.matcher(source);
        return (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
    }
}
