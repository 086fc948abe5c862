package dev.erg.server.hostile;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatIdentity;
import dev.erg.crypto.VatTls;
import dev.erg.server.hostile.Cbor.Tagged;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A peer of the {@code erg/1} wire written from {@code spec/README.md} alone: TLS 1.3 with an
 * Ed25519 certificate, the server's key checked against the vat id wanted (section 2), ALPN
 * and server name as a dialer sends them, 4-byte frames (section 3), and messages as {@link Cbor}
 * writes them (section 7). It runs the session only as far as a test needs: questions are
 * numbered from 0, each with a fresh resolver export (section 7.1), and their {@code fulfill}
 * or {@code break} complete {@link #call}'s future; every other frame is kept, in order, for
 * the test to read with {@link #next}. It never pings: a test is over well within 15 s.
 */
final class WireClient implements AutoCloseable {

    /** The ALPN protocol of a session. */
    static final String ERG_1 = "erg/1";

    /** What arrives on the connection: a frame's decoded payload, or its end. */
    sealed interface Event {
    }

    /** A frame; {@code message} is null when its payload did not decode. */
    record Frame(Object message, byte[] payload) implements Event {
        /** The abort reason, if this frame is an abort. */
        Optional<String> abortReason() {
            if (message instanceof Tagged(int tag, List<?> items) && tag == Cbor.MESSAGE
                    && items.size() == 2 && Long.valueOf(3).equals(items.getFirst())) {
                return Optional.of((String) items.get(1));
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "frame " + Cbor.toString(message);
        }
    }

    /** The connection ended: the server closed it ({@code cause} null) or it failed. */
    record Closed(IOException cause) implements Event {
    }

    /** What a question was answered with: a fulfilment's value, or a break's problem. */
    record Outcome(boolean broken, Object value) {
        /** The problem's kind, for a break. */
        String problemKind() {
            return ((List<?>) ((Tagged) value).content()).getFirst().toString();
        }
    }

    private final SSLSocket socket;
    private final OutputStream out;
    private final VatIdentity identity;
    private final byte[] serverVatId;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Outcome>> questions = new ConcurrentHashMap<>();
    private final AtomicLong nextQuestion = new AtomicLong();
    private final Object writing = new Object();

    private WireClient(SSLSocket socket, VatIdentity identity, byte[] serverVatId) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.identity = identity;
        this.serverVatId = serverVatId;
    }

    /** How to dial. */
    record Dial(InetSocketAddress at, byte[] vatId, VatIdentity identity, List<String> alpn, boolean serverName) {

        /** Dials {@code vatId} at {@code at} as a fresh identity, offering {@code erg/1} and naming the vat. */
        static Dial to(InetSocketAddress at, byte[] vatId) {
            return new Dial(at, vatId, VatIdentity.generate(new java.security.SecureRandom()), List.of(ERG_1), true);
        }

        Dial offering(String... protocols) {
            return new Dial(at, vatId, identity, List.of(protocols), serverName);
        }

        Dial as(VatIdentity who) {
            return new Dial(at, vatId, who, alpn, serverName);
        }

        /**
         * Opens the connection and completes TLS; nothing is sent, and nothing read until
         * {@link #startReading()}: a peer that does not read is how a backlog is made.
         */
        WireClient openUnread() throws IOException {
            VatTls tls = VatTls.of(identity, TlsProvider.JDK);
            SSLContext context;
            try {
                context = SSLContext.getInstance("TLSv1.3", tls.jsseProvider());
                context.init(new KeyManager[] {tls.keyManager()}, new TrustManager[] {new AnyKey()}, null);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            Socket plain = new Socket();
            plain.connect(at, 5_000);
            plain.setTcpNoDelay(true);
            SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, at.getHostString(), at.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3"});
            parameters.setSignatureSchemes(new String[] {"ed25519"});
            parameters.setApplicationProtocols(alpn.toArray(String[]::new));
            parameters.setServerNames(serverName ? List.of(new SNIHostName(base32(vatId) + ".vat.erg")) : List.of());
            parameters.setEndpointIdentificationAlgorithm(null);
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            try {
                socket.startHandshake();
                X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                byte[] presented = sha256(server.getPublicKey().getEncoded());
                if (!Arrays.equals(presented, vatId)) {
                    throw new IOException("the server's key is vat " + base32(presented) + ", not " + base32(vatId));
                }
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            socket.setSoTimeout(0);
            return new WireClient(socket, identity, vatId);
        }

        /** Opens the connection, completes TLS and reads whatever arrives from then on. */
        WireClient open() throws IOException {
            WireClient client = openUnread();
            client.startReading();
            return client;
        }
    }

    /** Starts reading what arrives, in a thread of its own. */
    void startReading() {
        Thread.ofVirtual().name("wire-client-reader").start(this::readAll);
    }

    /** The ALPN protocol the server selected, empty if none. */
    String applicationProtocol() {
        return socket.getApplicationProtocol();
    }

    /** This client's vat id. */
    byte[] vatId() {
        return sha256(identity.publicKey().getEncoded());
    }

    /** Sends {@code start-session} with this client's vat id and awaits the server's. */
    void startSession() throws IOException, InterruptedException {
        send(Cbor.message(0, ERG_1, vatId(), List.of()));
        Frame first = nextFrame();
        List<?> items = items(first.message());
        if (!Long.valueOf(0).equals(items.getFirst()) || !ERG_1.equals(items.get(1))
                || !Arrays.equals((byte[]) items.get(2), serverVatId)) {
            throw new AssertionError("expected the server's start-session, got " + first);
        }
    }

    /**
     * Asks {@code target} for {@code method(args)} with a {@code deliver} carrying the next
     * answer position and a fresh resolver; the future completes with its outcome.
     */
    CompletableFuture<Outcome> call(Object target, String method, Object... args) throws IOException {
        long question = nextQuestion.getAndIncrement();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        questions.put(question + 1, outcome);
        send(deliver(question, target, method, args));
        return outcome;
    }

    /** The {@code deliver} of question {@code q}: answer position {@code q}, resolver export {@code q + 1}. */
    static Tagged deliver(long q, Object target, String method, Object... args) {
        return Cbor.message(2, target, method, List.of(args), q, Cbor.tag(Cbor.IMPORT_OBJECT, q + 1));
    }

    /** The next question's number, for a test that sends its own {@code deliver}. */
    long takeQuestion() {
        return nextQuestion.getAndIncrement();
    }

    /** Fetches the object under {@code swiss} from the server's bootstrap object, and answers its import position. */
    long fetch(byte[] swiss) throws Exception {
        Outcome outcome = call(Cbor.tag(Cbor.EXPORT, 0L), "fetch", (Object) swiss).get(10, TimeUnit.SECONDS);
        if (outcome.broken()) {
            throw new AssertionError("fetch broke: " + outcome.value());
        }
        return (Long) ((Tagged) outcome.value()).content();
    }

    /** Sends one message in one frame. */
    void send(Object message) throws IOException {
        sendFrame(Cbor.encode(message));
    }

    /** Sends {@code payload} in one frame. */
    void sendFrame(byte[] payload) throws IOException {
        sendRaw(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
    }

    /** Sends bytes as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        synchronized (writing) {
            out.write(bytes);
            out.flush();
        }
    }

    /** The next event, within 10 s. */
    Event next() throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return event;
    }

    /** The next frame, within 10 s; the connection's end fails the test. */
    Frame nextFrame() throws InterruptedException {
        Event event = next();
        if (event instanceof Frame frame) {
            return frame;
        }
        throw new AssertionError("expected a frame, the connection ended: " + event);
    }

    /**
     * Reads until the connection ends and answers the reason of the last frame, which must be
     * an abort, with nothing after it but the connection's end (spec section 3).
     */
    String abortThenClose() throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        while (true) {
            Event event = next();
            if (event instanceof Closed) {
                Frame last = seen.isEmpty() ? null : (Frame) seen.getLast();
                if (last == null || last.abortReason().isEmpty()) {
                    throw new AssertionError("the connection ended without an abort after "
                            + seen.size() + " frames; the last: " + last);
                }
                return last.abortReason().get();
            }
            seen.add(event);
        }
    }

    /** Waits for the connection's end and answers how many frames came first. */
    int framesUntilClosed() throws InterruptedException {
        int frames = 0;
        while (!(next() instanceof Closed)) {
            frames++;
        }
        return frames;
    }

    /** Whether nothing more is to be read: the connection ended. */
    boolean closed() {
        return socket.isClosed() || events.stream().anyMatch(Closed.class::isInstance);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readAll() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readInt();
                byte[] payload = new byte[length];
                in.readFully(payload);
                Object message;
                try {
                    message = Cbor.decode(payload);
                } catch (RuntimeException undecodable) {
                    message = null;
                }
                if (!answered(message)) {
                    events.add(new Frame(message, payload));
                }
            }
        } catch (EOFException end) {
            events.add(new Closed(null));
        } catch (IOException e) {
            events.add(new Closed(e));
        }
    }

    /** Completes a question from its resolver's {@code fulfill} or {@code break}; ignores pings. */
    private boolean answered(Object message) {
        if (!(message instanceof Tagged(int tag, List<?> items)) || tag != Cbor.MESSAGE
                || !Long.valueOf(1).equals(items.getFirst())
                || !(items.get(1) instanceof Tagged(int targetTag, Object position)) || targetTag != Cbor.EXPORT) {
            return false;
        }
        String method = (String) items.get(2);
        Object arg = ((List<?>) items.get(3)).isEmpty() ? null : ((List<?>) items.get(3)).getFirst();
        if (Long.valueOf(0).equals(position) && method.equals("ping")) {
            return true;
        }
        CompletableFuture<Outcome> question = questions.remove((Long) position);
        if (question == null) {
            return false;
        }
        question.complete(new Outcome(method.equals("break"), arg));
        return true;
    }

    /** The items of a message. */
    static List<?> items(Object message) {
        if (message instanceof Tagged(int tag, List<?> items) && tag == Cbor.MESSAGE) {
            return items;
        }
        throw new AssertionError("not a message: " + Cbor.toString(message));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4648 base32, lowercase, unpadded: a vat id's text form (spec section 2). */
    static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder text = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return text.toString();
    }

    /** Accepts any certificate: what matters is the key, checked against the vat id after the handshake. */
    private static final class AnyKey implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
