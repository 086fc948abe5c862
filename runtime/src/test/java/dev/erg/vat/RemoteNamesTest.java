package dev.erg.vat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.vat.RemoteReferenceTest.Recorder;
import dev.erg.vat.RemoteReferenceTest.Sent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link RemoteName} and {@link Otherwise}: methods named for the wire, and messages no method is named by. */
class RemoteNamesTest {

    private final Sim sim = new Sim(5);
    private final Vat bob = sim.vat("bob");

    @AfterEach
    void close() {
        sim.close();
    }

    /** A gift box whose methods carry OCapN's names. */
    public interface Gifts {
        @RemoteName("deposit-gift")
        Promise<String> depositGift(String id, long gift);

        @Otherwise
        Promise<String> anything(String name, List<Object> args);
    }

    /** Remembers what arrived. */
    static final class Box implements Gifts {
        @Override
        public Promise<String> depositGift(String id, long gift) {
            return Promise.of(id + "=" + gift);
        }

        @Override
        public Promise<String> anything(String name, List<Object> args) {
            return Promise.of(name + args);
        }
    }

    public interface Plain {
        Promise<Long> size();
    }

    public interface TwoOtherwise {
        @Otherwise
        Promise<Object> one(String name, List<Object> args);

        @Otherwise
        Promise<Object> two(String name, List<Object> args);
    }

    public interface WrongOtherwise {
        @Otherwise
        Promise<Object> one(String name, Object args);
    }

    public interface SameRemoteName {
        @RemoteName("same")
        Promise<Object> one();

        Promise<Object> same();
    }

    public interface EmptyName {
        @RemoteName("")
        Promise<Object> one();
    }

    public interface ControlName {
        @RemoteName("a\nb")
        Promise<Object> one();
    }

    @Test
    void aMethodAnswersMessagesSentUnderItsRemoteNameNotItsJavaName() {
        Gifts gifts = bob.export(new Box(), Gifts.class);
        assertThat(sim.settle(Ref.send(gifts, "deposit-gift", "a", 3L))).isEqualTo("a=3");
        // The Java name is no name on the wire: the message falls to the @Otherwise method.
        assertThat(sim.settle(Ref.send(gifts, "depositGift", "a", 3L))).isEqualTo("depositGift[a, 3]");
    }

    @Test
    void aCallThroughAReferenceIsSentUnderTheRemoteName() {
        Recorder far = new Recorder("far gifts");
        Gifts gifts = Ref.remote(far, Gifts.class);
        gifts.depositGift("g", 1);
        gifts.anything("sing", List.of("la"));
        assertThat(far.sent).extracting(Sent::method).containsExactly("deposit-gift", "anything");
        assertThat(far.sent.get(1).args()).containsExactly("sing", List.of("la"));
    }

    @Test
    void anUnknownNameReachesTheOtherwiseMethodWithAllItsArgumentsNullIncluded() {
        Gifts gifts = bob.export(new Box(), Gifts.class);
        assertThat(sim.settle(Ref.send(gifts, "sing", "la", null, 2L))).isEqualTo("sing[la, null, 2]");
        assertThat(sim.settle(Ref.send(gifts, "nothing"))).isEqualTo("nothing[]");
    }

    @Test
    void anUnknownNameReachesTheOtherwiseMethodThroughAPromiseAndAFarReference() {
        Deferred<Gifts> later = Promise.defer();
        Promise<Object> queued = Ref.send(later.promise(), "hum", 1L);
        later.resolver().resolve(bob.export(new Box(), Gifts.class));
        assertThat(sim.settle(queued)).isEqualTo("hum[1]");
    }

    @Test
    void withoutAnOtherwiseMethodAnUnknownNameBreaksTheAnswer() {
        Plain plain = bob.export(() -> Promise.of(1L), Plain.class);
        Promise<Object> answer = Ref.send(plain, "explode");
        sim.scheduler.runUntilIdle();
        assertThat(answer.problemOrNull().kind()).isEqualTo(Problem.NOT_CALLABLE);
        assertThat(answer.problemOrNull().message()).contains("explode");
    }

    @Test
    void interfacesThatMisuseTheAnnotationsAreNotRemote() {
        assertThatThrownBy(() -> RemoteInterfaces.require(TwoOtherwise.class)).hasMessageContaining("more than one");
        assertThatThrownBy(() -> RemoteInterfaces.require(WrongOtherwise.class))
                .hasMessageContaining("does not take (String, List<Object>)");
        assertThatThrownBy(() -> RemoteInterfaces.require(SameRemoteName.class)).hasMessageContaining("same is overloaded");
        assertThatThrownBy(() -> RemoteInterfaces.require(EmptyName.class)).hasMessageContaining("@RemoteName");
        assertThatThrownBy(() -> RemoteInterfaces.require(ControlName.class)).hasMessageContaining("control character");
    }
}
