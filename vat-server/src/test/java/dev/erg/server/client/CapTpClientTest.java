package dev.erg.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CapTpClientTest {

    @Test
    void anAnswerThatDoesNotComeInTimeIsATimeoutProblemAndABrokenOneKeepsItsOwn() throws Exception {
        try (CapTpClient client = CapTpClient.start(PassableRegistry.empty(), Duration.ZERO)) {
            assertThatThrownBy(() -> client.await(Promise.defer().promise()))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(new Problem(CapTpClient.TIMEOUT, "no answer within 0 s")));
            assertThatThrownBy(() -> client.await(Promise.broken(new Problem("Gone", "away"))))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem()).isEqualTo(new Problem("Gone", "away")));
        }
    }
}
