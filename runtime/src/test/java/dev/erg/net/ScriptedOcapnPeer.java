package dev.erg.net;

import dev.erg.crypto.VatIdentity;
import dev.erg.ocapn.captp.CaptpReader;
import dev.erg.ocapn.captp.CaptpWriter;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.captp.OperationStream;
import dev.erg.ocapn.captp.PeerLocator;
import dev.erg.ocapn.captp.SessionIds;
import dev.erg.ocapn.session.StartSessions;
import dev.erg.wire.WireLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One side of an OCapN session played by a test over {@code tcp-testing-only}, operation by
 * operation, with a session key the test holds: it can sign what an Erg node would, and what
 * an Erg node would not.
 */
final class ScriptedOcapnPeer implements AutoCloseable {

    private final Socket socket;
    private final VatIdentity key;
    private final OperationStream stream = new OperationStream(CaptpReader.plain(WireLimits.defaults()),
            WireLimits.defaults());
    private final Operation.StartSession peer;

    private ScriptedOcapnPeer(Socket socket, VatIdentity key, PeerLocator self) throws IOException {
        this.socket = socket;
        this.key = key;
        send(StartSessions.sign(key, self));
        if (!(next() instanceof Operation.StartSession start)) {
            throw new IllegalStateException("the node did not answer with op:start-session");
        }
        this.peer = start;
    }

    /** Dials {@code node} at its {@code host} and {@code port} hints and starts a session as {@code self}, keyed by {@code key}. */
    static ScriptedOcapnPeer dial(PeerLocator node, VatIdentity key, PeerLocator self, Duration timeout)
            throws IOException {
        Socket socket = new Socket(node.hints().get("host"), Integer.parseInt(node.hints().get("port")));
        socket.setSoTimeout((int) timeout.toMillis());
        return new ScriptedOcapnPeer(socket, key, self);
    }

    /** The id of this session. */
    byte[] sessionId() {
        return SessionIds.sessionId(StartSessions.rawKey(key), peer.sessionKey());
    }

    /** This side's public id in this session. */
    byte[] side() {
        return SessionIds.publicId(StartSessions.rawKey(key));
    }

    /** This side's raw session key. */
    byte[] rawKey() {
        return StartSessions.rawKey(key);
    }

    void send(Operation operation) throws IOException {
        socket.getOutputStream().write(CaptpWriter.plain(WireLimits.defaults()).encode(operation));
        socket.getOutputStream().flush();
    }

    /** Sends {@code methodAndArgs} to {@code target}, answered at {@code position} and to our export {@code resolver}. */
    void ask(Descriptor target, List<Object> methodAndArgs, long position, long resolver) throws IOException {
        send(new Operation.Deliver(target, methodAndArgs, position, new Descriptor.ImportObject(resolver)));
    }

    /** The arguments of the next message the node sends to our export {@code position}, skipping the rest. */
    List<Object> nextTo(long position) throws IOException {
        while (true) {
            if (next() instanceof Operation.DeliverOnly d && d.to().equals(new Descriptor.Export(position))) {
                return d.args();
            }
        }
    }

    /** The next delivery with an answer the node sends to our export {@code position}, skipping the rest. */
    Operation.Deliver nextDeliveryTo(long position) throws IOException {
        while (true) {
            if (next() instanceof Operation.Deliver d && d.to().equals(new Descriptor.Export(position))) {
                return d;
            }
        }
    }

    private Operation next() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        for (Operation operation = stream.next(); ; operation = stream.next()) {
            if (operation != null) {
                return operation;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the node closed the connection");
            }
            stream.append(Arrays.copyOf(buffer, n));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
