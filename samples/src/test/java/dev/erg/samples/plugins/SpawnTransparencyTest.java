package dev.erg.samples.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.confine.VatMaker;
import dev.erg.samples.transparency.SturdyTable;
import dev.erg.server.services.FreshCounterMaker;
import dev.erg.server.spawn.RootMakers;
import dev.erg.server.spawn.SpawnQuota;
import dev.erg.server.spawn.SpawnService;
import dev.erg.transparency.Harness;
import dev.erg.transparency.Mode;
import dev.erg.transparency.Outcome;
import dev.erg.transparency.Scenario;
import dev.erg.transparency.Settle;
import dev.erg.transparency.Transparency;
import dev.erg.transparency.Verdict;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A client spawns vats through a server's {@link VatMaker} and calls their roots: in one JVM,
 * with the client and the server each behind its own node over TLS, and on the deterministic
 * scheduler. The same calls answer the same, and every bad request breaks alike.
 */
class SpawnTransparencyTest {

    /** The channel of a story's steps. */
    static final String STORY = "story";

    private static final Scenario SPAWN = Scenario.of("spawn: a client starts vats on a server by maker name", (w, out) -> {
        SturdyTable refs = new SturdyTable("server");
        SpawnService service = new SpawnService(w.vat("server"), RootMakers.of(List.of(new FreshCounterMaker())), w::vat,
                Optional.empty(), Optional.empty(), new SpawnQuota(2, 0), root -> refs.sturdyRef(root).toString());
        VatMaker maker = w.share("server", service, VatMaker.class, "client");
        return w.vat("client").callPromise(() -> step(out, maker.makers())
                .thenCompose(x -> maker.spawnMaker("counter", List.of(40L), false))
                .thenCompose(counter -> step(out, Ref.send(counter, "increment", 2L))
                        .thenCompose(x -> step(out, maker.sturdyRef(counter))))
                .thenCompose(x -> step(out, maker.sturdyRef(maker)))
                .thenCompose(x -> step(out, maker.spawnMaker("nonesuch", List.of(), false)))
                .thenCompose(x -> step(out, maker.spawnMaker("counter", List.of("ten"), false)))
                .thenCompose(x -> step(out, maker.spawnMaker("counter", List.of(), true)))
                .thenCompose(x -> maker.spawnMaker("counter", List.of(), false))
                .thenCompose(second -> step(out, Ref.send(second, "value")))
                .thenCompose(x -> step(out, maker.spawnMaker("counter", List.of(), false))));
    });

    /** Records in {@value #STORY} how {@code promise} settles; answers the line. */
    static Promise<String> step(Outcome out, Promise<?> promise) {
        return Settle.describe(promise).then(line -> {
            out.add(STORY, line);
            return line;
        });
    }

    @Test
    void spawningAndCallingTheRootsAnswerAlikeInOneJvmAndOverTls() {
        try (Harness harness = new Harness(List.of(SPAWN))) {
            Verdict verdict = harness.check(SPAWN);

            List<String> lines = verdict.outcomes().get(Mode.LOCAL).lines(STORY);
            assertThat(lines).hasSize(9);
            assertThat(lines.get(0)).startsWith("fulfilled ").contains("counter: dev.erg.server.services.Counter");
            assertThat(lines.get(2)).startsWith("fulfilled String \"captp://");
            assertThat(lines.subList(1, 9)).containsExactly(
                    "fulfilled Long 42",
                    lines.get(2),
                    "broken NotSpawnedHere: the reference is not to a root this vat maker spawned (or its vat has ended)",
                    "broken UnknownMaker: no root maker is called \"nonesuch\" (known: counter)",
                    "broken BadArguments: counter: the start is a String (expected: an integer)",
                    "broken NotOffered: this server starts no workers; spawn in its process",
                    "fulfilled Long 0",
                    "broken QuotaExceeded: 2 vats are running, the most this vat maker may have");
            Transparency.require(verdict);
        }
    }
}
