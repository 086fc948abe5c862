package dev.erg.samples.quickstart;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.AvailabilityListener;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.vat.Passable;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two nodes, the whole of using Erg as a library: an identity per node, a record both register,
 * an object served through a sturdy ref, a call, a monitor told when the link breaks, and a
 * watch told when the server is back. The README shows this file.
 *
 * <p>Run it: {@code samples/run quickstart}
 */
public final class Quickstart {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Data crosses by copy; a record does once both nodes register it. */
    @Passable("quickstart.Greeting")
    public record Greeting(String text, int count) {
    }

    /** A remote interface: every method answers a Promise (or is void). */
    public interface Greeter {
        Promise<Greeting> greet(String name);
    }

    static final class Friendly implements Greeter {
        private int count;

        @Override
        public Promise<Greeting> greet(String name) {
            return Promise.of(new Greeting("Hello, " + name + "!", ++count));
        }
    }

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        PassableRegistry types = PassableRegistry.of(Greeting.class);
        VatIdentity serverKey = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.create();
             Node client = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), types)) {
            // The server side: an object in a vat, offered by an unguessable captp:// URI.
            Greeter greeter = runtime.newVat("greeter").export(new Friendly(), Greeter.class);
            Node server = Node.start(serverKey, runtime, NetConfig.defaults(), types);
            InetSocketAddress address = server.listen(new InetSocketAddress("127.0.0.1", 0));
            String uri = server.sturdyRef(greeter, null).toString();
            out.println("serving " + uri);

            // The client side needs only the URI's text; TLS checks the server's key against it.
            SturdyRef ref = SturdyRef.parse(uri);
            Greeter far = client.connect(ref, Greeter.class).join(WAIT);
            Greeting hello = far.greet("Ada").join(WAIT);
            out.println(hello.text() + " (greeting #" + hello.count() + ")");

            // A monitor hears once when the reference breaks; a watch hears when the vat is back.
            Vat app = runtime.newVat("app");
            CountDownLatch broke = new CountDownLatch(1);
            CountDownLatch back = new CountDownLatch(1);
            app.run(() -> Ref.monitor(far, problem -> {
                out.println("the greeter broke: " + problem.kind());
                broke.countDown();
            }));
            server.close();
            broke.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            client.watch(ref, app.export(back::countDown, AvailabilityListener.class));
            try (Node again = Node.start(serverKey, runtime, NetConfig.defaults(), types)) {
                again.listen(address);
                again.reinstate(ref, greeter);
                back.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                Greeter fresh = client.connect(ref, Greeter.class).join(WAIT);
                out.println("back: " + fresh.greet("Ada").join(WAIT).text() + " (greeting #"
                        + fresh.greet("Grace").join(WAIT).count() + ")");
            }
        }
    }
}
