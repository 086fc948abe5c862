package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.server.services.CounterMaker;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    private static ServiceMaker named(String name) {
        return new ServiceMaker() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object make(ServiceContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void findsTheMakersOnTheClassPath() {
        ServiceRegistry registry = ServiceRegistry.load();
        assertThat(registry.names()).containsExactly("counter", "courier", "gatherer", "greeter", "journal", "ledger", "sink",
                "streamer", "vat-maker");
        assertThat(registry.maker("counter")).containsInstanceOf(CounterMaker.class);
        assertThat(registry.maker("shop")).isEmpty();
    }

    @Test
    void namesAreUniqueAndWellFormed() {
        assertThatThrownBy(() -> ServiceRegistry.of(List.of(new CounterMaker(), named("counter"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two service makers are called \"counter\": dev.erg.server.services.CounterMaker and ");
        assertThatThrownBy(() -> ServiceRegistry.of(List.of(named("Big Shop"))))
                .hasMessageEndingWith("is called \"Big Shop\" (expected: 1 to 63 lower-case letters, digits and dashes)");
    }
}
