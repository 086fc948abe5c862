package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.vat.Problem;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arguments a peer may encode but an object may not take (null inside a list or map, on
 * either wire): the delivery's answer breaks saying so, and the session goes on.
 */
class HostileArgumentsTest {

    private final SessionPair pair = new SessionPair(new Ledger());
    private final List<Message> sent = new ArrayList<>();
    private final Session session = new Session(pair.runtime.newVat("hostile"), sent::add,
            pair.bob.export(new Ledger(), Account.class), "peer", 100);

    @AfterEach
    void close() {
        pair.close();
    }

    @Test
    void aListOrMapHoldingNullBreaksTheAnswerAndTheSessionGoesOn() {
        Map<Object, Object> withNull = new HashMap<>();
        withNull.put("k", null);
        session.receive(new Message.Deliver(new Descriptor.Export(0), "echo", List.of(Arrays.asList(1L, null)),
                OptionalLong.of(0), Optional.of(new Descriptor.ImportObject(100))));
        session.receive(new Message.Deliver(new Descriptor.Export(0), "echo", List.of(withNull),
                OptionalLong.of(1), Optional.of(new Descriptor.ImportObject(101))));
        session.receive(new Message.DeliverOnly(new Descriptor.Export(0), "note", List.of(Arrays.asList("a", null))));
        session.receive(new Message.Deliver(new Descriptor.Export(0), "deposit", List.of(5L),
                OptionalLong.of(2), Optional.of(new Descriptor.ImportObject(102))));
        pair.scheduler.runUntilIdle();

        Problem list = broken(100);
        assertThat(list.kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(list.message()).startsWith("the arguments of echo cannot be taken:").contains("null");
        assertThat(broken(101).message()).startsWith("the arguments of echo cannot be taken:").contains("null");
        assertThat(sent).contains(new Message.DeliverOnly(new Descriptor.Export(102), Message.FULFILL, List.of(5L)));
    }

    private Problem broken(long listener) {
        return sent.stream().filter(Message.DeliverOnly.class::isInstance).map(Message.DeliverOnly.class::cast)
                .filter(m -> m.target().equals(new Descriptor.Export(listener)) && m.method().equals(Message.BREAK))
                .map(m -> (Problem) m.args().getFirst()).findFirst().orElseThrow();
    }
}
