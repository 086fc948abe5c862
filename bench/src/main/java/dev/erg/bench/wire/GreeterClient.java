package dev.erg.bench.wire;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.VatIdentity;
import dev.erg.net.NetConfig;
import dev.erg.net.Node;
import dev.erg.server.services.Greeter;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Calls a vat-server's sample greeter with {@value WireSystem#OUTSTANDING} calls outstanding,
 * from a client vat ({@link ErgWindow}), as {@link ErgSystem} calls its echo.
 */
final class GreeterClient implements AutoCloseable {

    private final VatRuntime runtime;
    private final Node node;
    private final Greeter greeter;
    private final Vat vat;

    GreeterClient(SturdyRef ref) throws Exception {
        runtime = VatRuntime.builder().threads(Runtime.getRuntime().availableProcessors()).build();
        node = Node.start(VatIdentity.generate(new SecureRandom()), runtime, NetConfig.defaults(), PassableRegistry.empty());
        greeter = node.connect(ref, Greeter.class).join(ErgSystem.WAIT);
        vat = runtime.newVat("client");
    }

    /** Answers per second over {@code seconds} of calls. */
    double throughput(int seconds) throws Exception {
        ErgWindow window = new ErgWindow(sequence -> greeter.greet("Ada"), GreeterClient::check, seconds, 0);
        vat.run(window::start);
        return window.result().get(seconds + ErgSystem.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void check(Object greeting) {
        if (!(greeting instanceof String text) || !text.contains("Ada")) {
            throw new IllegalStateException("the greeter answered " + greeting);
        }
    }

    @Override
    public void close() {
        node.close();
        runtime.close();
    }
}
