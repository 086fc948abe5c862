package dev.erg.captp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.wire.codec.Descriptor;
import dev.erg.wire.codec.Message;
import dev.erg.wire.codec.ProtocolException;
import dev.erg.wire.codec.TaggedValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code get}, {@code index} and {@code untag} from a scripted peer: the field of a map or
 * record, the item of a list, the payload of a tagged value, that an answer settles to, told
 * to the peer's listener; or a broken answer saying why, the session going on.
 */
class SelectionsTest {

    /** A record a peer may select a field of. */
    @Passable("test.Car")
    public record Car(String color, long doors) {
    }

    /** A tagged value as a wire that carries tags reads one. */
    @Passable("test.Label")
    public record Label(String tag, Object value) implements TaggedValue {
    }

    private final SessionPair pair = new SessionPair(new Ledger());
    private final List<Message> sent = new ArrayList<>();
    private final Session session = new Session(pair.runtime.newVat("selections"), sent::add,
            pair.bob.export(new Ledger(), Account.class), "peer", 100);
    private long listener = 200;

    @AfterEach
    void close() {
        pair.close();
    }

    @Test
    void getSelectsTheFieldOfAMapAnAnswerSettlesTo() {
        echo(0, Map.of("color", "red", "doors", 3L));
        session.receive(new Message.Get(new Descriptor.Answer(0), "color", 1));
        assertThat(told(1)).isEqualTo(fulfilled("red"));
    }

    @Test
    void getSelectsTheFieldOfAPassableRecord() {
        echo(0, new Car("blue", 5));
        session.receive(new Message.Get(new Descriptor.Answer(0), "doors", 1));
        assertThat(told(1)).isEqualTo(fulfilled(5L));
    }

    @Test
    void indexSelectsAnItemOfAListAndGetPipelinesIntoIt() {
        echo(0, List.of("a", Map.of("name", "b")));
        session.receive(new Message.Index(new Descriptor.Answer(0), 1, 1));
        session.receive(new Message.Get(new Descriptor.Answer(1), "name", 2));
        assertThat(told(2)).isEqualTo(fulfilled("b"));
        session.receive(new Message.Index(new Descriptor.Answer(0), 0, 3));
        assertThat(told(3)).isEqualTo(fulfilled("a"));
    }

    @Test
    void aMissingFieldOrItemOrAValueOfAnotherKindBreaksOnlyTheAnswer() {
        echo(0, Map.of("color", "red"));
        echo(1, List.of("a"));
        echo(2, "a string");
        session.receive(new Message.Get(new Descriptor.Answer(0), "wheels", 3));
        session.receive(new Message.Index(new Descriptor.Answer(1), 1, 4));
        session.receive(new Message.Get(new Descriptor.Answer(2), "length", 5));
        session.receive(new Message.Index(new Descriptor.Answer(0), 0, 6));
        session.receive(new Message.Get(new Descriptor.Export(0), "balance", 7));
        assertThat(told(3)).isEqualTo(broken("get: the map has no field \"wheels\""));
        assertThat(told(4)).isEqualTo(broken("index: the list has 1 items, none at 1"));
        assertThat(told(5)).isEqualTo(broken("get: the target settled to a string, not a map or record"));
        assertThat(told(6)).isEqualTo(broken("index: the target settled to a map, not a list"));
        assertThat(told(7)).isEqualTo(broken("get: the target settled to a reference or other value, not a map or record"));
        echo(8, 1L);
        assertThat(told(8)).as("the session goes on").isEqualTo(fulfilled(1L));
    }

    @Test
    void untagSelectsThePayloadOfAValueUnderTheTagAskedForAndGetPipelinesIntoIt() {
        echo(0, new Label("money", Map.of("amount", 30L)));
        session.receive(new Message.Untag(new Descriptor.Answer(0), "money", 1));
        session.receive(new Message.Get(new Descriptor.Answer(1), "amount", 2));
        assertThat(told(2)).isEqualTo(fulfilled(30L));
        echo(3, List.of(new Label("nothing", null)));
        session.receive(new Message.Index(new Descriptor.Answer(3), 0, 4));
        session.receive(new Message.Untag(new Descriptor.Answer(4), "nothing", 5));
        assertThat(told(5)).as("a null payload").isEqualTo(fulfilled(null));
    }

    @Test
    void untagOfAnotherTagOrOfAValueWithoutOneBreaksOnlyTheAnswer() {
        echo(0, new Label("money", 30L));
        echo(1, Map.of("tag", "money", "value", 30L));
        session.receive(new Message.Untag(new Descriptor.Answer(0), "stock", 2));
        session.receive(new Message.Untag(new Descriptor.Answer(1), "money", 3));
        session.receive(new Message.Untag(new Descriptor.Export(0), "money", 4));
        assertThat(told(2)).isEqualTo(broken("untag: the value is tagged \"money\", not \"stock\""));
        assertThat(told(3)).isEqualTo(broken("untag: the target settled to a map, not a tagged value"));
        assertThat(told(4)).isEqualTo(broken("untag: the target settled to a reference or other value, not a tagged value"));
        session.receive(new Message.Untag(new Descriptor.Answer(0), "money", 5));
        assertThat(told(5)).as("the session goes on").isEqualTo(fulfilled(30L));
    }

    @Test
    void aBrokenTargetBreaksTheSelection() {
        session.receive(new Message.Deliver(new Descriptor.Export(0), "fail", List.of("no car"), OptionalLong.of(0),
                Optional.empty()));
        session.receive(new Message.Get(new Descriptor.Answer(0), "color", 1));
        Message.DeliverOnly told = told(1);
        assertThat(told.method()).isEqualTo(Message.BREAK);
        assertThat(((Problem) told.args().getFirst()).message()).contains("no car");
    }

    @Test
    void aSelectionFromAnUnknownAnswerOrIntoAPositionInUseIsAProtocolError() {
        assertThatThrownBy(() -> session.receive(new Message.Get(new Descriptor.Answer(9), "x", 1)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("no answer at position 9");
        echo(0, List.of("a"));
        assertThatThrownBy(() -> session.receive(new Message.Index(new Descriptor.Answer(0), 0, 0)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("already in use");
    }

    /** The peer asks the bootstrap ledger to echo {@code value}, its answer at {@code position}. */
    private void echo(long position, Object value) {
        session.receive(new Message.Deliver(new Descriptor.Export(0), "echo", List.of(value), OptionalLong.of(position),
                Optional.empty()));
    }

    /** What the peer's listener of the answer at {@code position} is told. */
    private Message.DeliverOnly told(long position) {
        long to = listener++;
        session.receive(new Message.Listen(new Descriptor.Answer(position), new Descriptor.ImportObject(to), false));
        pair.scheduler.runUntilIdle();
        return sent.stream().filter(Message.DeliverOnly.class::isInstance).map(Message.DeliverOnly.class::cast)
                .filter(m -> m.target().equals(new Descriptor.Export(to))).findFirst().orElseThrow();
    }

    private Message.DeliverOnly fulfilled(Object value) {
        return new Message.DeliverOnly(new Descriptor.Export(listener - 1), Message.FULFILL,
                Collections.singletonList(value));
    }

    private Message.DeliverOnly broken(String why) {
        return new Message.DeliverOnly(new Descriptor.Export(listener - 1), Message.BREAK,
                List.of(Problem.of(Problem.NOT_CALLABLE, "%s", why)));
    }
}
