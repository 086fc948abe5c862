package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A remote interface whose implementations here fail in the two ways a method can. */
    public interface Refuser {
        Promise<String> ask(String question);
    }

    private final VatRuntime runtime = VatRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aMethodThatThrowsIsCountedAndItsCallerToldWhy() {
        Refuser refuser = runtime.newVat("thrower").export(q -> {
            throw new IllegalStateException("cannot answer " + q);
        }, Refuser.class);
        long before = PeerFault.METHOD_THREW.count();

        assertThatThrownBy(() -> refuser.ask("why").join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem())
                        .isEqualTo(new Problem(Problem.EXCEPTION, "IllegalStateException: cannot answer why")));
        assertThat(PeerFault.METHOD_THREW.count() - before).isEqualTo(1);
    }

    @Test
    void aMethodThatAnswersWithAProblemChoseToAndIsNotCounted() {
        Refuser refuser = runtime.newVat("refuser").export(q -> {
            throw new ProblemException("NoAnswer", "no answer to " + q);
        }, Refuser.class);
        long before = PeerFault.METHOD_THREW.count();

        assertThatThrownBy(() -> refuser.ask("why").join(WAIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().kind()).isEqualTo("NoAnswer"));
        assertThat(PeerFault.METHOD_THREW.count()).isEqualTo(before);
    }

    @Test
    void everyKindHasTheLabelMetricsShow() {
        assertThat(PeerFault.values()).extracting(PeerFault::label)
                .containsExactly("method-threw", "not-callable", "protocol", "handshake", "connection-refused",
                        "unknown-swiss", "throttled", "refused-deposit");
    }
}
