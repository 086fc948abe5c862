package dev.erg.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of the systems that take a key store (the Netty echo, Pekko Artery, gRPC):
 * one EC P-256 key pair with a self-signed certificate for {@code localhost} and
 * {@code 127.0.0.1}, made for the run by the JDK's {@code keytool} in a temporary directory,
 * which both ends of every connection present and trust ({@code keystore.p12},
 * {@code truststore.p12}, the names Pekko's configuration in
 * {@link dev.erg.bench.captp.ArteryPingPong#config} expects). Erg's nodes bring their own
 * Ed25519 identities instead.
 */
public final class TlsFiles implements AutoCloseable {

    private static final List<String> FILES = List.of("keystore.p12", "truststore.p12", "cert.pem");

    private final Path dir;
    private final String password;
    private final boolean owned;

    private TlsFiles(Path dir, String password, boolean owned) {
        this.dir = dir;
        this.password = password;
        this.owned = owned;
    }

    /** Makes the key and trust stores in a new temporary directory, deleted on {@link #close}. */
    public static TlsFiles create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("erg-wire");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String keystore = dir.resolve("keystore.p12").toString();
        String cert = dir.resolve("cert.pem").toString();
        keytool(keytool, "-genkeypair", "-alias", "wire", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore, "-storepass", password, "-keypass", password);
        keytool(keytool, "-exportcert", "-rfc", "-alias", "wire", "-keystore", keystore,
                "-storepass", password, "-file", cert);
        keytool(keytool, "-importcert", "-noprompt", "-alias", "wire", "-file", cert, "-storetype", "PKCS12",
                "-keystore", dir.resolve("truststore.p12").toString(), "-storepass", password);
        return new TlsFiles(dir, password, true);
    }

    /** The stores another process made, as its command line names them; left in place on close. */
    public static TlsFiles open(Path dir, String password) {
        return new TlsFiles(dir, password, false);
    }

    public Path dir() {
        return dir;
    }

    public String password() {
        return password;
    }

    KeyManagerFactory keyManagers() throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load("keystore.p12"), password.toCharArray());
        return factory;
    }

    TrustManagerFactory trustManagers() throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load("truststore.p12"));
        return factory;
    }

    private KeyStore load(String name) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + Arrays.toString(Arrays.copyOfRange(command, 1, 3)) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned) {
            for (String file : FILES) {
                Files.deleteIfExists(dir.resolve(file));
            }
            Files.deleteIfExists(dir);
        }
    }
}
