package dev.erg.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.crypto.VatIdentity;
import dev.erg.vat.Promise;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable store in PostgreSQL, where several hosts may share one database. */
class PostgresStoreTest {

    @TempDir
    static Path tmp;

    private static PostgresCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = PostgresCluster.start(tmp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Storage storage() {
        return new Storage(cluster.jdbcUrl(), cluster.user(), cluster.password());
    }

    @Test
    void eachVatKeepsItsStateInASchemaOfItsOwn() {
        VatIdentity one = VatIdentity.generate(new SecureRandom());
        VatIdentity two = VatIdentity.generate(new SecureRandom());
        try (VatRuntime runtime = VatRuntime.builder().build()) {
            Vat vat = runtime.newVat("test");
            try (DurableHost first = DurableHost.open(storage(), one.vatId(), 16);
                 DurableHost second = DurableHost.open(storage(), two.vatId(), 16)) {
                DurableHostTest.Box a = first.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
                DurableHostTest.Box b = second.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(100));
                assertThat(call(vat, () -> a.add(5))).isEqualTo(5);
                assertThat(call(vat, () -> b.add(5))).isEqualTo(105);
            }
            try (DurableHost again = DurableHost.open(storage(), one.vatId(), 16)) {
                DurableHostTest.Box a = again.root("boxes", vat, DurableHostTest.BOX, () -> new DurableHostTest.BoxState(0));
                assertThat(call(vat, a::value)).isEqualTo(5);
                assertThat(again.generation()).isEqualTo(2);
            }
        }
    }

    @Test
    void oneVatsStateServesOneServerAtATime() {
        VatIdentity identity = VatIdentity.generate(new SecureRandom());
        try (DurableHost first = DurableHost.open(storage(), identity.vatId(), 16)) {
            assertThatThrownBy(() -> DurableHost.open(storage(), identity.vatId(), 16))
                    .isInstanceOf(StoredDataException.class)
                    .hasMessageContaining("another vat-server holds the state of vat " + identity.vatId());
            assertThat(first.generation()).isEqualTo(1);
        }
        try (DurableHost next = DurableHost.open(storage(), identity.vatId(), 16)) {
            assertThat(next.generation()).as("closing released it").isEqualTo(2);
        }
    }

    private static <T> T call(Vat vat, Supplier<Promise<T>> call) {
        return vat.callPromise(call).join(Duration.ofSeconds(10));
    }
}
