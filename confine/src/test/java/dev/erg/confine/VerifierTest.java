package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the verifier reports beyond the escape catalogue: host types, statics, and every violation at once. */
class VerifierTest {

    private static final String USES_HOST = """
            package plugin;
            import dev.erg.confine.HostGreeter;
            public class Greeter implements HostGreeter {
                @Override
                public String greet(String name) {
                    return HostGreeter.shout("hello " + name);
                }
            }
            """;

    @Test
    void hostTypesAreDeniedUntilTheHostShowsThem() {
        Bundle bundle = SourceBundles.bundle(USES_HOST);

        assertThat(Verifier.standard().check(bundle)).extracting(Violation::rule)
                .containsExactly("supertype", "allow-list");
        assertThat(Verifier.standard().allowing(List.of(HostGreeter.class)).check(bundle)).isEmpty();
    }

    @Test
    void aBundleClassMayNotTakeTheNameOfAHostOrJdkClass() throws Exception {
        Map<String, byte[]> classes = new HashMap<>(SourceBundles.compile(SourceBundles.ENTRY, """
                package dev.erg.confine;
                public interface HostGreeter {}
                """));
        // javac will not compile into a package of a JDK module, so the class file is made directly
        classes.put("org.w3c.dom.Node", ClassFile.of().build(ClassDesc.of("org.w3c.dom.Node"), cb -> { }));
        Bundle bundle = Bundle.ofClasses(SourceBundles.ENTRY_CLASS, classes);

        assertThat(Verifier.standard().allowing(List.of(HostGreeter.class)).check(bundle))
                .extracting(Violation::className, Violation::rule)
                .containsExactly(tuple("dev.erg.confine.HostGreeter", "package"), tuple("org.w3c.dom.Node", "package"));
    }

    @Test
    void staticsMayHoldTheBundlesOwnImmutableRecordsAndEnums() {
        assertThat(Verifier.standard().check(SourceBundles.bundle("""
                package plugin;
                public record Point(int x, String label) {
                    public static final Point ORIGIN = new Point(0, "origin");
                    public static final Kind KIND = Kind.FIXED;
                    enum Kind { FIXED, MOVING }
                }
                """))).isEmpty();
    }

    @Test
    void staticsMayNotHoldARecordWithAMutableComponentOrASubclassWithAMutableField() {
        assertThat(Verifier.standard().check(SourceBundles.bundle("""
                package plugin;
                public record Bag(java.util.List<String> items) {
                    public static final Bag EMPTY = new Bag(java.util.List.of());
                }
                """, """
                package plugin;
                public abstract class Shape {
                    public static final Shape ONE = new Moving();
                }
                """, """
                package plugin;
                public class Moving extends Shape {
                    int x;
                }
                """))).extracting(Violation::className, Violation::rule, Violation::detail).containsExactly(
                        tuple("plugin.Bag", "mutable-static", "static final field EMPTY holds a plugin.Bag, whose value may change"),
                        tuple("plugin.Shape", "mutable-static", "static final field ONE holds a plugin.Shape, whose value may change"));
    }

    @Test
    void everyViolationInEveryClassIsReportedInClassAndBytecodeOrder() {
        List<Violation> violations = Verifier.standard().check(SourceBundles.bundle("""
                package plugin;
                public class A {
                    static int counter;
                    long clock() {
                        return System.nanoTime() + System.currentTimeMillis();
                    }
                }
                """, """
                package plugin;
                public class B {
                    void exit() {
                        Runtime.getRuntime().halt(1);
                    }
                }
                """));

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "plugin.A: mutable-static: static field counter is not final",
                "plugin.A.clock()J @0: allow-list: calls java.lang.System.nanoTime(): not on the allow-list",
                "plugin.A.clock()J @3: allow-list: calls java.lang.System.currentTimeMillis(): not on the allow-list",
                "plugin.B.exit()V @0: allow-list: calls java.lang.Runtime.getRuntime(): not on the allow-list",
                "plugin.B.exit()V @4: allow-list: calls java.lang.Runtime.halt(int): not on the allow-list");
    }

    @Test
    void aRejectionListsTheViolationsInItsMessage() {
        List<Violation> violations = Verifier.standard().check(SourceBundles.bundle("""
                package plugin;
                public class A {
                    void exit() {
                        System.exit(1);
                    }
                }
                """));
        BundleRejectedException rejected = new BundleRejectedException("ab".repeat(32), violations);

        assertThat(rejected.getMessage()).isEqualTo("""
                bundle abababababab rejected, 1 violation:
                  plugin.A.exit()V @1: allow-list: calls java.lang.System.exit(int): not on the allow-list""");
    }
}
