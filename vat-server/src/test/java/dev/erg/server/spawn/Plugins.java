package dev.erg.server.spawn;

import dev.erg.confine.testkit.BundleCompiler;
import java.util.Map;

/**
 * Bundles for tests. The counters implement the registered root interface {@code Counter}
 * and describe themselves by hand, as confined code cannot reach the server's
 * {@code Descriptions}.
 */
public final class Plugins {

    /** The entry class of every bundle here. */
    public static final String ENTRY = "plug.Tally";

    private Plugins() {
    }

    /** A counter that starts at its first argument, as a bundle. */
    public static byte[] tally() {
        return counter("""
                    value += by;
                    return Promise.of(value);
                """);
    }

    /** A counter whose {@code increment} never ends, as a bundle. */
    public static byte[] looping() {
        return counter("""
                    while (true) {
                        value += by;
                    }
                """);
    }

    /**
     * A bundle that breaks the rules {@code methods} times: each of its methods reads the
     * environment and exits the JVM.
     */
    public static byte[] rogue(int methods) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < methods; i++) {
            body.append("    public static void escape").append(i).append("() {\n")
                    .append("        System.exit(System.getenv().size());\n")
                    .append("    }\n");
        }
        return BundleCompiler.jar("plug.Rogue", Map.of("plug.Rogue", """
                package plug;

                public final class Rogue {
                """ + body + "}\n"));
    }

    private static byte[] counter(String increment) {
        return BundleCompiler.jar(ENTRY, Map.of(ENTRY, """
                package plug;

                import dev.erg.confine.Endowments;
                import dev.erg.confine.VatEntry;
                import dev.erg.server.services.Counter;
                import dev.erg.vat.Promise;
                import java.util.List;
                import java.util.Map;

                public final class Tally implements VatEntry, Counter {
                    private long value;

                    @Override
                    public Object start(Endowments endowments, List<Object> args) {
                        value = args.isEmpty() ? 0 : ((Long) args.get(0)).longValue();
                        return this;
                    }

                    @Override
                    public Promise<Long> increment(long by) {
                """ + increment + """
                    }

                    @Override
                    public Promise<Long> value() {
                        return Promise.of(value);
                    }

                    @Override
                    public Promise<List<Map<String, Object>>> describe() {
                        return Promise.of(List.of(
                                Map.of("name", "describe", "parameters", List.of(), "returns", "list"),
                                Map.of("name", "increment", "parameters",
                                        List.of(Map.of("name", "by", "type", "integer")), "returns", "integer"),
                                Map.of("name", "value", "parameters", List.of(), "returns", "integer")));
                    }
                }
                """));
    }
}
