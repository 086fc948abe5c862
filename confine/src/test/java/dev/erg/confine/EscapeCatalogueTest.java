package dev.erg.confine;

import static dev.erg.confine.Escapes.assertViolations;
import static dev.erg.confine.Escapes.at;
import static dev.erg.confine.Escapes.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The load-time half of the escape catalogue: each way plain Java offers to reach authority a
 * confined vat was not handed, written as a plugin would write it, and the exact violations the
 * verifier reports. (The run-time half, such as loops that never end, is metering's.)
 */
class EscapeCatalogueTest {

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
}
