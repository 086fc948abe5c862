package dev.erg.ocapn.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.erg.crypto.SwissNumber;
import dev.erg.ocapn.captp.Descriptor;
import dev.erg.ocapn.captp.Operation;
import dev.erg.ocapn.syrup.Symbol;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Ref;
import dev.erg.vat.spi.Refs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends arguments Erg cannot take, as OCapN allows them: each breaks the answer
 * of its delivery with a problem saying what, and the session goes on. OCapN's other values
 * are taken.
 */
class OcapnHostileArgumentsTest {

    private final OcapnPair pair = new OcapnPair();
    private final Tally bobsTally = new Tally();
    private Counter tally;
    /** Where bob exports the tally to alice, to deliver to it by raw operations. */
    private long tallyExport;
    private long nextAnswer = 500;

    @AfterEach
    void close() {
        pair.close();
    }

    private void fetch() {
        SwissNumber swiss = pair.bobsRefs.register(pair.bob.export(bobsTally, Counter.class), null);
        pair.pump();
        Promise<Object> fetched = Ref.send(pair.a.session().peerBootstrap(), "fetch",
                (Object) OcapnBootstrap.fetchArgument(swiss.text()));
        tally = (Counter) Refs.asType(pair.settle(fetched), Counter.class);
        tallyExport = pair.sent.stream().filter(Operation.DeliverOnly.class::isInstance)
                .map(Operation.DeliverOnly.class::cast)
                .filter(d -> d.args().getFirst().equals(new Symbol("fulfill")))
                .map(d -> ((Descriptor.ImportObject) d.args().get(1)).position()).findFirst().orElseThrow();
    }

    /**
     * The break bob sends for {@code echo(argument)}, the argument as Syrup, delivered to the
     * tally with alice's bootstrap object (export 0) as the resolver.
     */
    private Problem echo(String argument) {
        long answer = nextAnswer++;
        String op = "<10'op:deliver<11'desc:export" + tallyExport + "+>[4'echo" + argument + "]" + answer
                + "+<18'desc:import-object0+>>";
        int before = pair.sent.size();
        pair.toBob(op.getBytes(StandardCharsets.ISO_8859_1));
        pair.pump();
        assertThat(pair.sent.subList(before, pair.sent.size())).as("bob's session goes on after " + argument)
                .noneMatch(Operation.Abort.class::isInstance);
        assertThat(pair.bClosed).isFalse();
        return pair.sent.subList(before, pair.sent.size()).stream()
                .filter(Operation.DeliverOnly.class::isInstance).map(Operation.DeliverOnly.class::cast)
                .filter(d -> d.args().getFirst().equals(new Symbol("break")))
                .map(d -> (Problem) d.args().get(1)).findFirst().orElseThrow();
    }

    @Test
    void aListHoldingNullBreaksTheAnswer() {
        fetch();
        Problem why = echo("[1+<4'null>]");
        assertThat(why.kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(why.message()).contains("echo").contains("null");
        assertThat(pair.settle(tally.add(2))).isEqualTo(2L);
    }

    @Test
    void aMapHoldingNullBreaksTheAnswer() {
        fetch();
        Problem why = echo("{1\"k<4'null>}");
        assertThat(why.kind()).isEqualTo(Problem.NOT_PASSABLE);
        assertThat(pair.settle(tally.add(3))).isEqualTo(3L);
    }

    @Test
    void selectorsTaggedValuesVoidAndSturdyRefsAreTakenAndEchoedBack() {
        fetch();
        for (String value : List.of("3'foo", "<11'desc:tagged3'tag1+>", "<4'void>", "[3'foo]",
                "<15'ocapn-sturdyref<10'ocapn-node5\"carol16'tcp-testing-onlyf>2\"s1>")) {
            long answer = nextAnswer++;
            String op = "<10'op:deliver<11'desc:export" + tallyExport + "+>[4'echo" + value + "]" + answer
                    + "+<18'desc:import-object0+>>";
            int before = pair.sent.size();
            pair.toBob(op.getBytes(StandardCharsets.ISO_8859_1));
            pair.pump();
            assertThat(pair.sent.subList(before, pair.sent.size())).as(value).anySatisfy(o -> assertThat(o)
                    .isInstanceOfSatisfying(Operation.DeliverOnly.class,
                            d -> assertThat(d.args().getFirst()).isEqualTo(new Symbol("fulfill"))));
        }
        assertThat(pair.bClosed).isFalse();
        assertThat(pair.settle(tally.add(4))).isEqualTo(4L);
    }

    @Test
    void aNullArgumentIsPassedAsNull() {
        fetch();
        long answer = nextAnswer++;
        String op = "<10'op:deliver<11'desc:export" + tallyExport + "+>[4'echo<4'null>]" + answer
                + "+<18'desc:import-object0+>>";
        int before = pair.sent.size();
        pair.toBob(op.getBytes(StandardCharsets.ISO_8859_1));
        pair.pump();
        assertThat(pair.sent.subList(before, pair.sent.size())).anySatisfy(o -> assertThat(o)
                .isInstanceOfSatisfying(Operation.DeliverOnly.class,
                        d -> assertThat(d.args().getFirst()).isEqualTo(new Symbol("fulfill"))));
        assertThat(pair.bClosed).isFalse();
    }
}
