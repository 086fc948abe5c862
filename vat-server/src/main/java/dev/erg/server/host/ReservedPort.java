package dev.erg.server.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A TCP port held while a server starts, bound but not listening: a listener already there is
 * found at once, the port's number is known (also when port 0 was asked for), and a dialer is
 * refused as if no server ran there, rather than reaching a server whose sturdy refs are not
 * reinstated yet and being told they designate nothing. Closing it lets go of the port, just
 * before the server listens on it.
 */
final class ReservedPort implements AutoCloseable {

    private final Socket socket;

    private ReservedPort(Socket socket) {
        this.socket = socket;
    }

    /**
     * Binds {@code address} without listening.
     *
     * @throws IOException if the port is in use, or the address is not local
     */
    static ReservedPort take(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            // As a listener binds: past connections' TIME_WAIT does not hold the port, a listener does.
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return new ReservedPort(socket);
    }

    /** The bound address: the port to listen on. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that never connected has nothing left to flush.
        }
    }
}
