package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.wire.PassableRegistry;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of the exported packages' documentation, which quotes the regions marked here. */
class ApiExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anEventualSendAnswersInALaterTurnOfTheCaller() {
        try (VatRuntime runtime = VatRuntime.create()) {
            // @start region="eventual-send"
            Vat bob = runtime.newVat("bob");
            Counter counter = bob.export(new Tally(), Counter.class);      // an eventual reference
            Vat alice = runtime.newVat("alice");
            Promise<String> said = alice.callPromise(() -> counter.increment(5)   // queued for bob
                    .then(n -> "now " + n));                                 // a later turn of alice
            // @end
            assertThat(said.join(WAIT)).isEqualTo("now 5");
        }
    }

    @Test
    void aDeferredPromiseIsSettledByItsResolver() {
        try (VatRuntime runtime = VatRuntime.create()) {
            Vat vat = runtime.newVat("example");
            // @start region="deferred"
            Promise<Integer> length = vat.callPromise(() -> {
                Deferred<String> greeting = Promise.defer();
                Promise<Integer> n = greeting.promise().then(String::length);   // runs once resolved
                greeting.resolver().resolve("hello");
                return n;
            });
            // @end
            assertThat(length.join(WAIT)).isEqualTo(5);
        }
    }

    @Test
    void aRecordIsRegisteredThroughTheLookupOfItsOwnCode() {
        // @start region="register"
        PassableRegistry registry = PassableRegistry.builder()
                .add(Point.class, MethodHandles.lookup())   // reaches Point as this class can
                .build();
        // @end
        assertThat(registry).hasToString("PassableRegistry[test.Point]");
    }
}
