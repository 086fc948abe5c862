package dev.erg.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.server.FreePort;
import dev.erg.server.client.CapTpClient;
import dev.erg.server.config.SetupException;
import dev.erg.server.durable.Kind;
import dev.erg.server.durable.Self;
import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.server.store.DataDir;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kind's code changes between two starts of a server, with its stored state and sturdy
 * refs in place: version 2 adds a method and a state component with a default.
 */
class KindUpgradeTest {

    /** Version 1 of the kind {@code notes}. */
    public interface NotesV1 {
        Promise<Long> add();

        Promise<Long> count();
    }

    record StateV1(long count) {
    }

    static final class CodeV1 implements NotesV1 {
        private final Self<StateV1> self;

        CodeV1(Self<StateV1> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> add() {
            self.update(new StateV1(self.state().count() + 1));
            return Promise.of(self.state().count());
        }

        @Override
        public Promise<Long> count() {
            return Promise.of(self.state().count());
        }
    }

    /** Version 2: the same methods, and a label. */
    public interface NotesV2 extends NotesV1 {
        Promise<String> label();

        Promise<String> relabel(String label);
    }

    /** Old state has no label: it reads as null, which the constructor turns into the default. */
    record StateV2(long count, String label) {
        StateV2 {
            label = label == null ? "unlabelled" : label;
        }
    }

    static final class CodeV2 implements NotesV2 {
        private final Self<StateV2> self;

        CodeV2(Self<StateV2> self) {
            this.self = self;
        }

        @Override
        public Promise<Long> add() {
            StateV2 s = self.state();
            self.update(new StateV2(s.count() + 1, s.label()));
            return Promise.of(s.count() + 1);
        }

        @Override
        public Promise<Long> count() {
            return Promise.of(self.state().count());
        }

        @Override
        public Promise<String> label() {
            return Promise.of(self.state().label());
        }

        @Override
        public Promise<String> relabel(String label) {
            self.update(new StateV2(self.state().count(), label));
            return Promise.of(label);
        }
    }

    private record Maker<S extends Record, T>(Kind<S, T> kind, S initial) implements ServiceMaker {
        @Override
        public String name() {
            return "notes";
        }

        @Override
        public Object make(ServiceContext context) {
            return context.durables().root(kind, () -> initial);
        }
    }

    private static final ServiceRegistry V1 = ServiceRegistry.of(List.of(
            new Maker<>(new Kind<>("notes", StateV1.class, NotesV1.class, CodeV1::new), new StateV1(0))));
    private static final ServiceRegistry V2 = ServiceRegistry.of(List.of(
            new Maker<>(new Kind<>("notes", StateV2.class, NotesV2.class, CodeV2::new), new StateV2(0, "new"))));

    @TempDir
    Path tmp;

    @Test
    void aKindGainsAMethodAndAStateComponentWithItsStateAndSturdyRefsInPlace() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:%d
                service.notes = notes
                """.formatted(FreePort.pick()), null);
        SturdyRef ref;
        try (VatServer server = VatServer.start(dir, null, V1);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            ref = server.services().getFirst().sturdyRef();
            NotesV1 notes = client.connect(ref, NotesV1.class);
            for (int i = 0; i < 3; i++) {
                client.await(notes.add());
            }
            assertThat(client.await(notes.count())).isEqualTo(3L);
        }

        try (VatServer server = VatServer.start(dir, null, V2);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            assertThat(server.services().getFirst().sturdyRef()).isEqualTo(ref);
            NotesV2 notes = client.connect(ref, NotesV2.class);
            assertThat(client.await(notes.count())).as("the old state, read by the new code").isEqualTo(3L);
            assertThat(client.await(notes.label())).as("the new component's default").isEqualTo("unlabelled");
            assertThat(client.await(notes.relabel("groceries"))).isEqualTo("groceries");
            assertThat(client.await(notes.add())).isEqualTo(4L);
        }

        try (VatServer server = VatServer.start(dir, null, V2);
             CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ofSeconds(15))) {
            NotesV2 notes = client.connect(ref, NotesV2.class);
            assertThat(client.await(notes.label())).isEqualTo("groceries");
            assertThat(client.await(notes.count())).isEqualTo(4L);
        }
    }

    @Test
    void storedObjectsWhoseKindNoServiceOffersStopTheStart() throws Exception {
        DataDir dir = DataDir.init(tmp.resolve("data"), """
                listen = 127.0.0.1:0
                service.notes = notes
                """, null);
        try (VatServer server = VatServer.start(dir, null, V1)) {
            assertThat(server.services()).hasSize(1);
        }
        Path config = dir.root().resolve("erg-server.conf");
        Files.writeString(config, "listen = 127.0.0.1:0\n");
        assertThatThrownBy(() -> VatServer.start(dir, null, V1))
                .isInstanceOf(SetupException.class)
                .hasMessage("the durable store holds objects of kinds no configured service offers: notes (1);"
                        + " configure the services that make them, or restore their code");
        try (var lock = dir.tryLock().orElseThrow(() -> new AssertionError("a failed start keeps the lock"))) {
            assertThat(lock).isNotNull();
        }
    }

}
