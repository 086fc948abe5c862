package dev.erg.confine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The load-time half of the escape catalogue: each way out of a confined vat that plain Java
 * offers, written as a plugin would write it, and the exact violations the verifier reports.
 * (The run-time half, such as loops that never end, is metering's.)
 */
class EscapeCatalogueTest {

    private static List<Violation> check(String source) {
        return Verifier.standard().check(TestBundles.bundle(source));
    }

    private static void assertViolations(String source, Tuple... expected) {
        assertThat(check(source))
                .extracting(Violation::rule, Violation::className, Violation::method)
                .containsExactly(expected);
    }

    private static void assertDistinctViolations(String source, Tuple... expected) {
        assertThat(check(source).stream().map(v -> tuple(v.rule(), v.className(), v.method())).distinct().toList())
                .containsExactly(expected);
    }

    private static Tuple at(String rule, String method) {
        return tuple(rule, "plugin.Escape", method);
    }

    @Test
    void reflection() {
        assertViolations("""
                package plugin;
                public class Escape {
                    Object run(Object o) throws Exception {
                        Class<?> runtime = Class.forName("java.lang.Runtime");
                        return o.getClass().getDeclaredMethods();
                    }
                }
                """,
                at("allow-list", "run(Ljava/lang/Object;)Ljava/lang/Object;"),
                at("allow-list", "run(Ljava/lang/Object;)Ljava/lang/Object;"),
                at("allow-list", "run(Ljava/lang/Object;)Ljava/lang/Object;"));
        assertThat(check("""
                package plugin;
                public class Escape {
                    Object run() throws Exception {
                        return Class.forName("java.lang.Runtime");
                    }
                }
                """)).singleElement().satisfies(v -> {
                    assertThat(v.detail()).isEqualTo("calls java.lang.Class.forName(java.lang.String): not on the allow-list");
                    assertThat(v.offset()).isEqualTo(2);
                });
    }

    @Test
    void mutableStatics() {
        assertViolations("""
                package plugin;
                import java.util.ArrayList;
                import java.util.List;
                public class Escape {
                    static int count;
                    static final List<String> SEEN = new ArrayList<>();
                    static final List<String> NAMES = List.of("a", "b");
                    static final int[] TABLE = {1, 2};
                    static final String OK = "fine";
                    static final long ALSO_OK = System.identityHashCode(OK) == 0 ? 1 : 2;
                    void run() {
                        count++;
                    }
                }
                """,
                at("mutable-static", ""),
                at("mutable-static", ""),
                at("mutable-static", ""),
                at("mutable-static", ""),
                at("static-write", "run()V"),
                at("allow-list", "<clinit>()V"));
    }

    @Test
    void threads() {
        assertViolations("""
                package plugin;
                public class Escape {
                    void run() {
                        new Thread(() -> {}).start();
                        Thread.ofVirtual().start(() -> {});
                    }
                }
                """,
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"));
    }

    @Test
    void files() {
        assertViolations("""
                package plugin;
                import java.nio.file.Files;
                import java.nio.file.Path;
                public class Escape {
                    String run() throws Exception {
                        new java.io.FileInputStream("/etc/passwd").read();
                        return Files.readString(Path.of("/etc/passwd"));
                    }
                }
                """,
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"));
    }

    @Test
    void sockets() {
        assertViolations("""
                package plugin;
                public class Escape {
                    void run() throws Exception {
                        new java.net.Socket("example.com", 80).getOutputStream().write(1);
                    }
                }
                """,
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"));
    }

    @Test
    void clocks() {
        assertViolations("""
                package plugin;
                public class Escape {
                    long run() {
                        return System.currentTimeMillis() + System.nanoTime() + java.time.Instant.now().getNano();
                    }
                }
                """,
                at("allow-list", "run()J"),
                at("allow-list", "run()J"),
                at("allow-list", "run()J"));
    }

    @Test
    void environmentAndProperties() {
        assertViolations("""
                package plugin;
                public class Escape {
                    String run() {
                        return System.getenv("HOME") + System.getProperty("user.home") + Integer.getInteger("x")
                                + "x".toLowerCase();
                    }
                }
                """,
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"),
                at("allow-list", "run()Ljava/lang/String;"));
    }

    @Test
    void exitAndRuntime() {
        assertViolations("""
                package plugin;
                public class Escape {
                    void run() throws Exception {
                        Runtime.getRuntime().exec(new String[] {"sh"});
                        System.exit(0);
                    }
                }
                """,
                at("allow-list", "run()V"),
                at("allow-list", "run()V"),
                at("allow-list", "run()V"));
    }

    @Test
    void unsafe() {
        assertViolations("""
                package plugin;
                public class Escape {
                    long run() {
                        return sun.misc.Unsafe.getUnsafe().addressSize();
                    }
                }
                """,
                at("allow-list", "run()J"),
                at("allow-list", "run()J"));
    }

    @Test
    void classLoading() {
        assertViolations("""
                package plugin;
                public class Escape {
                    Object run() throws Exception {
                        return ClassLoader.getSystemClassLoader().loadClass("java.lang.Runtime");
                    }
                }
                """,
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"));
    }

    @Test
    void methodHandles() {
        // lookup, the class constant System, void.class and int.class, methodType, findStatic
        assertViolations("""
                package plugin;
                import java.lang.invoke.MethodHandles;
                import java.lang.invoke.MethodType;
                public class Escape {
                    Object run() throws Throwable {
                        return MethodHandles.lookup().findStatic(System.class, "exit", MethodType.methodType(void.class, int.class));
                    }
                }
                """,
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"),
                at("allow-list", "run()Ljava/lang/Object;"));
    }

    @Test
    void serialization() {
        // javac's $deserializeLambda$ calls SerializedLambda many times: each call is reported, shown here once
        assertDistinctViolations("""
                package plugin;
                import java.io.Serializable;
                public class Escape implements Serializable {
                    private void readObject(java.io.ObjectInputStream in) {}
                    Runnable run() {
                        return (Runnable & Serializable) () -> {};
                    }
                }
                """,
                at("serialization", ""),
                at("serialization", "readObject(Ljava/io/ObjectInputStream;)V"),
                at("serialization", "$deserializeLambda$(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;"),
                at("serialization", "run()Ljava/lang/Runnable;"),
                at("allow-list", "$deserializeLambda$(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;"));
    }

    @Test
    void nativeCode() {
        assertViolations("""
                package plugin;
                public class Escape {
                    native void run();
                }
                """,
                at("native", "run()V"));
    }

    @Test
    void finalizers() {
        assertViolations("""
                package plugin;
                public class Escape {
                    @Override
                    protected void finalize() {}
                }
                """,
                at("finalizer", "finalize()V"));
    }

    @Test
    void synchronization() {
        assertViolations("""
                package plugin;
                public class Escape {
                    synchronized void run() {}
                    // monitorenter, and monitorexit on the normal and the exceptional path; the catch-any is fine
                    void block(Object lock) {
                        synchronized (lock) {
                            run();
                        }
                    }
                }
                """,
                at("synchronized", "run()V"),
                at("synchronized", "block(Ljava/lang/Object;)V"),
                at("synchronized", "block(Ljava/lang/Object;)V"),
                at("synchronized", "block(Ljava/lang/Object;)V"));
    }

    @Test
    void catchingErrors() {
        assertViolations("""
                package plugin;
                public class Escape {
                    int run(int n) {
                        try {
                            return run(n + 1);
                        } catch (StackOverflowError e) {
                            return n;
                        }
                    }
                    void any(Runnable r) {
                        try {
                            r.run();
                        } catch (Throwable t) {
                            r.run();
                        }
                    }
                    void fine(Runnable r) {
                        try {
                            r.run();
                        } catch (RuntimeException e) {
                            r.run();
                        } finally {
                            r.run();
                        }
                    }
                }
                """,
                at("catch-error", "run(I)I"),
                at("catch-error", "any(Ljava/lang/Runnable;)V"));
    }

    @Test
    void methodReferenceToADeniedMember() {
        assertThat(check("""
                package plugin;
                import java.util.function.IntConsumer;
                public class Escape {
                    IntConsumer run() {
                        return System::exit;
                    }
                }
                """)).singleElement().satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("allow-list");
                    assertThat(v.method()).isEqualTo("run()Ljava/util/function/IntConsumer;");
                    assertThat(v.detail()).isEqualTo("method reference: calls java.lang.System.exit(int): not on the allow-list");
                });
    }

    @Test
    void inheritedDeniedMember() {
        assertViolations("""
                package plugin;
                public class Escape extends RuntimeException {
                    void run() {
                        printStackTrace();
                        getStackTrace();
                    }
                }
                """,
                at("allow-list", "run()V"),
                at("allow-list", "run()V"));
    }

    @Test
    void identity() {
        assertViolations("""
                package plugin;
                public class Escape {
                    int run(Object o) {
                        return System.identityHashCode(o) + java.util.Objects.toIdentityString(o).length();
                    }
                }
                """,
                at("allow-list", "run(Ljava/lang/Object;)I"),
                at("allow-list", "run(Ljava/lang/Object;)I"));
    }

    @Test
    void unboundedJdkLoops() {
        assertViolations("""
                package plugin;
                import java.util.stream.IntStream;
                import java.util.stream.Stream;
                public class Escape {
                    long run() {
                        return IntStream.range(0, Integer.MAX_VALUE).count()
                                + Stream.generate(Object::new).count()
                                + java.util.List.of(1).parallelStream().count()
                                + (("a+".repeat(30) + "b").matches("(a+)+c") ? 1 : 0);
                    }
                }
                """,
                at("allow-list", "run()J"),
                at("allow-list", "run()J"),
                at("allow-list", "run()J"),
                at("allow-list", "run()J"));
    }

    @Test
    void reservedPackagesAndSupertypes() {
        assertThat(Verifier.standard().check(TestBundles.bundle("""
                package dev.erg.evil;
                public class Escape extends Thread implements java.nio.file.DirectoryStream.Filter<Object> {
                    public boolean accept(Object o) {
                        return true;
                    }
                }
                """)))
                .extracting(Violation::rule, Violation::className, Violation::method)
                .containsExactly(
                        tuple("package", "dev.erg.evil.Escape", ""),
                        tuple("supertype", "dev.erg.evil.Escape", ""),
                        tuple("supertype", "dev.erg.evil.Escape", ""),
                        tuple("allow-list", "dev.erg.evil.Escape", "<init>()V"));
    }

    @Test
    void aLambdaMayNotImplementAnInterfaceAClassMayNot() {
        assertViolations("""
                package plugin;
                import java.util.concurrent.Callable;
                public class Escape {
                    Callable<String> run() {
                        return () -> "called";
                    }
                }
                """,
                at("supertype", "run()Ljava/util/concurrent/Callable;"));
    }

    @Test
    void aLambdaThatCapturesIsFine() {
        assertThat(check("""
                package plugin;
                import java.util.List;
                import java.util.function.Supplier;
                public class Escape {
                    Supplier<Integer> run(List<String> names) {
                        int base = names.size();
                        return () -> base + names.stream().mapToInt(String::length).sum();
                    }
                }
                """)).isEmpty();
    }
}
