package dev.erg.confine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.meter.Gauge;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfinedLoaderTest {

    /** A host type, shown to confined code by name. */
    public interface Scorer {
    }

    private final ConfinedLoader loader = new ConfinedLoader("test", Map.of(), Map.of(Scorer.class.getName(), Scorer.class));

    @Test
    void showsTheAllowedJdkErgsApiAndTheHostTypes() throws Exception {
        assertThat(loader.loadClass("java.util.ArrayList")).isSameAs(java.util.ArrayList.class);
        assertThat(loader.loadClass("java.lang.invoke.LambdaMetafactory"))
                .isSameAs(java.lang.invoke.LambdaMetafactory.class);
        assertThat(loader.loadClass("dev.erg.vat.Promise")).isSameAs(dev.erg.vat.Promise.class);
        assertThat(loader.loadClass(Scorer.class.getName())).isSameAs(Scorer.class);
    }

    @Test
    void definesItsOwnGauge() throws Exception {
        Class<?> gauge = loader.loadClass(Gauge.NAME);
        assertThat(gauge.getClassLoader()).isSameAs(loader);
        assertThat(new ConfinedLoader("other", Map.of(), Map.of()).loadClass(Gauge.NAME)).isNotSameAs(gauge);
    }

    @Test
    void refusesEverythingElse() {
        for (String name : new String[] {"java.io.File", "java.lang.Thread", "java.lang.reflect.Method",
                "java.lang.invoke.MethodHandles", "java.net.Socket", "sun.misc.Unsafe", "dev.erg.vat.spi.Vats",
                "dev.erg.net.Node", "dev.erg.confine.meter.Meter", "dev.erg.confine.Confinement$Builder$Missing",
                getClass().getName()}) {
            assertThatThrownBy(() -> loader.loadClass(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }
}
