package dev.erg.server.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.confine.VatMaker;
import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.Vat;
import dev.erg.vat.VatRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spawning by name in the server's process, and every bad request answered with its problem. */
class SpawnServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final VatRuntime runtime = VatRuntime.create();
    private final Vat home = runtime.newVat("vat-maker");
    private final VatMaker maker = home.export(new SpawnService(home, RootMakers.load(), runtime::newVat,
            Optional.empty(), Optional.empty(), new SpawnQuota(2, 1000), root -> "captp://root"), VatMaker.class);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void spawnsARootByNameInANewVat() {
        Object counter = maker.spawnMaker("counter", List.of(40L), false).join(WAIT);

        assertThat(Ref.send(counter, "increment", 2L).join(WAIT)).isEqualTo(42L);
        Object other = maker.spawnMaker("counter", List.of(), false).join(WAIT);
        assertThat(Ref.send(other, "value").join(WAIT)).as("a vat of its own").isEqualTo(0L);
        assertThat(Ref.send(counter, "value").join(WAIT)).isEqualTo(42L);
        assertThat(maker.sturdyRef(counter).join(WAIT)).isEqualTo("captp://root");
        assertProblem(maker.sturdyRef(home.export(() -> { }, Runnable2.class)), VatMaker.NOT_SPAWNED_HERE,
                "the reference is not to a root this vat maker spawned");
        assertThat(maker.makers().join(WAIT)).contains("counter: dev.erg.server.services.Counter",
                "spinner: dev.erg.server.spawn.Spinner");
    }

    @Test
    void eachBadRequestBreaksWithItsProblem() {
        assertProblem(maker.spawnMaker("nonesuch", List.of(), false), VatMaker.UNKNOWN_MAKER,
                "no root maker is called \"nonesuch\" (known: counter, spinner)");
        assertProblem(maker.spawnMaker(null, List.of(), false), VatMaker.UNKNOWN_MAKER, "no root maker is called null");
        assertProblem(maker.spawnMaker("counter", null, false), VatMaker.BAD_ARGUMENTS, "the arguments are null");
        assertProblem(maker.spawnMaker("counter", List.of("ten"), false), VatMaker.BAD_ARGUMENTS,
                "counter: the start is a String (expected: an integer)");
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= Spawning.MAX_ARGS; i++) {
            many.add((long) i);
        }
        assertProblem(maker.spawnMaker("counter", many, false), VatMaker.BAD_ARGUMENTS, "65 arguments, more than 64");
        assertProblem(maker.spawnMaker("counter", List.of(), true), VatMaker.NOT_OFFERED, "this server starts no workers");
        assertProblem(maker.upload(new byte[] {1, 2, 3}), VatMaker.NOT_OFFERED, "this server runs no bundles");
        assertProblem(maker.spawnBundle("ab".repeat(32), Spinner.class.getName(), List.of(), false),
                VatMaker.UNKNOWN_BUNDLE, "no bundle abab");
    }

    @Test
    void aHolderMayRunNoMoreVatsThanItsQuota() {
        assertProblem(maker.spawnMaker("counter", List.of("bad"), false), VatMaker.BAD_ARGUMENTS, "counter:");
        maker.spawnMaker("counter", List.of(), false).join(WAIT);
        maker.spawnMaker("counter", List.of(), false).join(WAIT);

        assertProblem(maker.spawnMaker("counter", List.of(), false), VatMaker.QUOTA_EXCEEDED,
                "2 vats are running, the most this vat maker may have");
    }

    /** A remote interface that no maker makes. */
    public interface Runnable2 {
        void run();
    }

    private static void assertProblem(Promise<?> answer, String kind, String messageStart) {
        assertThatThrownBy(() -> answer.join(WAIT)).isInstanceOfSatisfying(ProblemException.class, e -> {
            Problem problem = e.problem();
            assertThat(problem.kind()).as(problem.toString()).isEqualTo(kind);
            assertThat(problem.message()).startsWith(messageStart);
        });
    }
}
