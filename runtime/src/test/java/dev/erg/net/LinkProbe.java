package dev.erg.net;

import dev.erg.crypto.TlsProvider;
import dev.erg.crypto.VatId;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.link.Link;
import dev.erg.net.link.LinkHandler;
import dev.erg.net.link.Transport;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.PassableRegistry;
import dev.erg.wire.codec.ReferenceEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A vat in a JVM of its own, for {@link CrossProcessTest}: a {@code main} that speaks a line
 * protocol on stdin and stdout.
 *
 * <p>{@code LinkProbe <key file> <JDK|BOUNCY_CASTLE>} loads the key in the file, or generates
 * one and saves it there when the file does not exist, starts a {@link Transport} listening on
 * 127.0.0.1 with an ephemeral port, and prints {@code READY <port> <vat id>}. Then:
 * <ul>
 *   <li>each accepted link is reported as {@code ACCEPTED <peer>}; every {@code DeliverOnly} it
 *       receives is echoed back to the sender over the same link; its end is reported as
 *       {@code CLOSED <peer> <reason>};
 *   <li>the command {@code dial <host:port> <vat id>} dials that vat and prints
 *       {@code LINKED <peer>} (then sends it a {@code DeliverOnly "probe"} and prints
 *       {@code ECHOED <peer> <method> <first arg>} when the echo comes back) or
 *       {@code REFUSED <reason>};
 *   <li>the command {@code sync <token>} prints {@code SYNC <token>}: everything printed before
 *       it happened before the command was read;
 *   <li>when stdin closes the probe exits, so a probe never outlives its test. It also exits
 *       after {@code erg.probe.maxSeconds} (default 120) whatever happens.
 * </ul>
 */
public final class LinkProbe {

    private LinkProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LinkProbe <key file> <JDK|BOUNCY_CASTLE>");
            System.exit(2);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.getLong("erg.probe.maxSeconds", 120)));
                System.err.println("probe: lived too long, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Path keyFile = Path.of(args[0]);
        VatIdentity identity;
        if (Files.exists(keyFile)) {
            identity = VatIdentity.load(keyFile, null);
        } else {
            identity = VatIdentity.generate(new SecureRandom());
            identity.save(keyFile, null);
        }
        NetConfig config = NetConfig.defaults().withTlsProvider(TlsProvider.valueOf(args[1]));
        Transport transport = Transport.start(identity, config, PassableRegistry.empty());
        InetSocketAddress bound = transport.listen(new InetSocketAddress("127.0.0.1", 0), link -> {
            say("ACCEPTED " + link.peer());
            return new Echo();
        });
        say("READY " + bound.getPort() + " " + identity.vatId());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "dial" -> dial(transport, words[1], VatId.parse(words[2]));
                case "sync" -> say("SYNC " + (words.length > 1 ? words[1] : ""));
                case "" -> {
                }
                default -> say("UNKNOWN " + line);
            }
        }
        // stdin closed: the test is done with this probe (or the test JVM is gone).
        System.exit(0);
    }

    private static void dial(Transport transport, String hostPort, VatId expected) throws InterruptedException {
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        LinkHandler handler = new LinkHandler() {
            @Override
            public void received(Link link, Message message) {
                if (message instanceof Message.DeliverOnly echo) {
                    say("ECHOED " + link.peer() + " " + echo.method() + " " + (echo.args().isEmpty() ? "" : echo.args().getFirst()));
                } else {
                    say("RECEIVED " + link.peer() + " " + message);
                }
            }

            @Override
            public void closed(Link link, String reason) {
                say("CLOSED " + link.peer() + " " + reason);
            }
        };
        try {
            Link link = transport.connect(expected, address, handler).get(15, TimeUnit.SECONDS);
            say("LINKED " + link.peer());
            link.send(new Message.DeliverOnly(new Descriptor.Export(0), "probe", List.of("from-" + transport.vatId())),
                    ReferenceEncoder.none());
        } catch (ExecutionException e) {
            say("REFUSED " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            say("REFUSED timed out");
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line.replace('\n', ' '));
        System.out.flush();
    }

    /** Sends every {@code DeliverOnly} back where it came from. */
    private static final class Echo implements LinkHandler {
        @Override
        public void received(Link link, Message message) {
            if (message instanceof Message.DeliverOnly) {
                link.send(message, ReferenceEncoder.none());
            }
        }

        @Override
        public void closed(Link link, String reason) {
            say("CLOSED " + link.peer() + " " + reason);
        }
    }
}
