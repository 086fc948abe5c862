package dev.erg.server.interop;

import dev.erg.crypto.Signatures;
import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.LocatorUris;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.wire.WireLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A client that speaks to the interop server as the public OCapN test suite does, operation by
 * operation over {@code tcp-testing-only}, with a session key of its own.
 */
final class SuitePeer implements AutoCloseable {

    private final Socket socket;
    private final OperationStream stream = new OperationStream(CaptpReader.plain(WireLimits.defaults()),
            WireLimits.defaults());
    private long nextAnswer;
    private long nextImport = 1;

    private SuitePeer(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the node of {@code locator} and exchanges start-sessions. */
    static SuitePeer connect(String locator) throws IOException {
        PeerLocator node = LocatorUris.parseNode(locator);
        Socket socket = new Socket(node.hints().get("host"), Integer.parseInt(node.hints().get("port")));
        socket.setSoTimeout(200);
        SuitePeer peer = new SuitePeer(socket);
        VatIdentity key = VatIdentity.generate(new SecureRandom());
        PeerLocator self = new PeerLocator("suite", "tcp-testing-only", Map.of());
        peer.send(new Operation.StartSession(Operation.StartSession.VERSION, Signatures.rawPublicKey(key.publicKey()),
                self, key.sign(CaptpWriter.encodeLocation(self))));
        if (!(peer.next(Duration.ofSeconds(10)) instanceof Operation.StartSession)) {
            throw new IOException("the node did not answer with op:start-session");
        }
        return peer;
    }

    /** Fetches the object of {@code swiss} from the bootstrap object, pipelined: its answer. */
    Descriptor fetch(String swiss) throws IOException {
        long answer = nextAnswer++;
        send(new Operation.Deliver(new Descriptor.Export(0),
                List.of(new Symbol("fetch"), swiss.getBytes(StandardCharsets.US_ASCII)), answer,
                new Descriptor.ImportObject(newImport())));
        return new Descriptor.Answer(answer);
    }

    /** A position of ours not yet handed out, as the node will name it in what it sends us. */
    long newImport() {
        return nextImport++;
    }

    void send(Operation operation) throws IOException {
        socket.getOutputStream().write(CaptpWriter.plain(WireLimits.defaults()).encode(operation));
        socket.getOutputStream().flush();
    }

    /** The next operation within {@code patience}, or null. */
    Operation next(Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            Operation operation = stream.next();
            if (operation != null || System.nanoTime() >= deadline) {
                return operation;
            }
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("the node closed the connection");
                }
                stream.append(Arrays.copyOf(buffer, n));
            } catch (SocketTimeoutException e) {
                // Nothing yet: read again until the deadline.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
