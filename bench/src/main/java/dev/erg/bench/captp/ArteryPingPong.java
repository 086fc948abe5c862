package dev.erg.bench.captp;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * The baseline of {@link CapTpBench}: ping-pong between two JVMs on loopback over Apache Pekko
 * Artery remoting with {@code transport = tls-tcp} (TLS 1.3, mutual authentication, an Ed25519
 * certificate made for the run with the JDK's {@code keytool} in a temporary directory), with
 * classic actors and {@code Long} messages (Pekko's own {@code LongSerializer}; Java
 * serialization stays off). A plain thread sends to the peer's echo actor ({@link ArteryPeer})
 * with a local actor as sender, which hands each answer back: round trips with one message
 * outstanding (20,000 after 20,000 of warm-up), and answers per second with
 * {@value CapTpBench#OUTSTANDING} outstanding, as the CapTP measures do. Pekko runs with its
 * default dispatchers and Artery settings.
 */
public final class ArteryPingPong {

    private ArteryPingPong() {
    }

    /** The configuration of both ends: remoting over tls-tcp on loopback, any free port. */
    public static Config config(Path tls, String password) {
        return ConfigFactory.parseString("""
                pekko {
                  loglevel = WARNING
                  stdout-loglevel = WARNING
                  log-dead-letters = off
                  actor.provider = remote
                  remote.artery {
                    transport = tls-tcp
                    canonical.hostname = "127.0.0.1"
                    canonical.port = 0
                    ssl.config-ssl-engine {
                      key-store = "%1$s"
                      trust-store = "%2$s"
                      key-store-password = "%3$s"
                      key-password = "%3$s"
                      trust-store-password = "%3$s"
                      protocol = "TLSv1.3"
                      enabled-algorithms = ["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"]
                      require-mutual-authentication = on
                    }
                  }
                }
                """.formatted(tls.resolve("keystore.p12"), tls.resolve("truststore.p12"), password))
                .withFallback(ConfigFactory.load());
    }

    /** Measures, adding rows to the table of {@link CapTpBench}. */
    static void run(int seconds, List<String> rows) throws Exception {
        Path tls = Files.createTempDirectory("erg-artery");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        makeKeyStores(tls, password);
        ActorSystem system = ActorSystem.create("client", config(tls, password));
        try (PeerProcess peer = PeerProcess.start(ArteryPeer.class, tls.toString(), password)) {
            ActorRef echo = system.actorSelection("pekko://peer@127.0.0.1:" + peer.address() + "/user/echo")
                    .resolveOne(Duration.ofSeconds(30)).toCompletableFuture().get(60, TimeUnit.SECONDS);
            Answers answers = new Answers();
            ActorRef receiver = system.actorOf(Props.create(Receiver.class, () -> new Receiver(answers)), "receiver");

            answers.roundTrips(echo, receiver, CapTpBench.ROUND_TRIPS);
            long[] rtt = answers.roundTrips(echo, receiver, CapTpBench.ROUND_TRIPS);
            rows.add(CapTpBench.latencyRow("Pekko Artery tls-tcp ping-pong round trip", rtt));
            answers.throughput(echo, receiver, CapTpBench.THROUGHPUT_WARMUP_SECONDS);
            double perSecond = answers.throughput(echo, receiver, seconds);
            rows.add(String.format("| Pekko Artery tls-tcp ping-pong, %,d outstanding, %d s | – | – | **%,.0f msg/s** |",
                    CapTpBench.OUTSTANDING, seconds, perSecond));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (String file : List.of("keystore.p12", "truststore.p12", "cert.pem")) {
                Files.deleteIfExists(tls.resolve(file));
            }
            Files.deleteIfExists(tls);
        }
    }

    /** A key pair and self-signed certificate both ends present, and a trust store holding it. */
    private static void makeKeyStores(Path dir, String password) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String keystore = dir.resolve("keystore.p12").toString();
        String cert = dir.resolve("cert.pem").toString();
        keytool(keytool, "-genkeypair", "-alias", "artery", "-keyalg", "Ed25519", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore,
                "-storepass", password, "-keypass", password);
        keytool(keytool, "-exportcert", "-rfc", "-alias", "artery", "-keystore", keystore,
                "-storepass", password, "-file", cert);
        keytool(keytool, "-importcert", "-noprompt", "-alias", "artery", "-file", cert, "-storetype", "PKCS12",
                "-keystore", dir.resolve("truststore.p12").toString(), "-storepass", password);
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + Arrays.toString(Arrays.copyOfRange(command, 1, 3)) + " failed: " + output);
        }
    }

    /** The local actor the peer answers; it hands each answer to whoever measures. */
    static final class Receiver extends AbstractActor {
        private final Answers answers;

        Receiver(Answers answers) {
            this.answers = answers;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Long.class, n -> answers.onAnswer.accept(n)).build();
        }
    }

    /** Measures what comes back, as {@code FramedEchoBench} does for framed messages. */
    static final class Answers {
        volatile LongConsumer onAnswer = n -> { };

        long[] roundTrips(ActorRef echo, ActorRef receiver, int count) {
            long[] took = new long[count];
            AtomicLong last = new AtomicLong(-1);
            Thread waiter = Thread.currentThread();
            onAnswer = n -> {
                last.set(n);
                LockSupport.unpark(waiter);
            };
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                echo.tell((long) i, receiver);
                while (last.get() != i) {
                    LockSupport.parkNanos(1_000_000);
                }
                took[i] = System.nanoTime() - start;
            }
            return took;
        }

        double throughput(ActorRef echo, ActorRef receiver, int seconds) throws InterruptedException {
            Semaphore window = new Semaphore(CapTpBench.OUTSTANDING);
            AtomicLong done = new AtomicLong();
            onAnswer = n -> {
                done.incrementAndGet();
                window.release();
            };
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long n = 0;
            while (System.nanoTime() < end) {
                window.acquire();
                echo.tell(n++, receiver);
            }
            window.acquire(CapTpBench.OUTSTANDING);
            return done.get() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
