package dev.erg.confine;

import static dev.erg.confine.Escapes.assertDistinctViolations;
import static dev.erg.confine.Escapes.assertViolations;
import static dev.erg.confine.Escapes.at;
import static dev.erg.confine.Escapes.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/**
 * The rest of the escape catalogue's load-time half: constructs that would let a vat keep
 * hidden state, run code outside its turns, survive an Error or do unbounded work in the JDK,
 * each with the exact violations reported; and the lambdas that are fine.
 */
class ForbiddenConstructsTest {

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
        assertThat(Verifier.standard().check(SourceBundles.bundle("""
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
