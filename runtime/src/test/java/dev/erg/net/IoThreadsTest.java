package dev.erg.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.erg.captp.SturdyRef;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Promise;
import dev.erg.vat.VatRuntime;
import dev.erg.wire.PassableRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many nodes of one process on two shared I/O threads, each with a session to one server node. */
class IoThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int NODES = 50;

    private final VatRuntime runtime = VatRuntime.create();
    private final List<Node> nodes = new ArrayList<>();
    private Node server;

    @AfterEach
    void close() {
        nodes.forEach(Node::close);
        if (server != null) {
            server.close();
        }
        runtime.close();
    }

    private SturdyRef serveCounter() throws Exception {
        server = Node.start(Peers.identity(1), runtime, NetConfig.defaults(), PassableRegistry.empty());
        server.listen(Peers.LOOPBACK_ANY_PORT);
        return server.sturdyRef(runtime.newVat("counter").export(new NodeTest.Tally(), NodeTest.Counter.class), null);
    }

    private NodeTest.Counter connect(IoThreads io, long seed, SturdyRef ref) throws Exception {
        Node node = Node.start(Peers.identity(seed), runtime, NetConfig.defaults(), PassableRegistry.empty(), io);
        nodes.add(node);
        return node.connect(ref, NodeTest.Counter.class).join(WAIT);
    }

    private static void callEach(List<NodeTest.Counter> counters) {
        List<Promise<Long>> answers = new ArrayList<>();
        for (NodeTest.Counter counter : counters) {
            answers.add(counter.increment(1));
        }
        for (Promise<Long> answer : answers) {
            assertThat(answer.join(WAIT)).isPositive();
        }
    }

    @Test
    void fiftyNodesHoldSessionsOnTwoThreadsAndClosingSomeLeavesTheThreadsToTheOthers() throws Exception {
        SturdyRef ref = serveCounter();
        try (IoThreads io = IoThreads.start(2)) {
            List<NodeTest.Counter> counters = new ArrayList<>();
            // Two nodes start both shared threads (connections are spread round-robin).
            for (int i = 0; i < 2; i++) {
                counters.add(connect(io, 100 + i, ref));
            }
            callEach(counters);
            int threadsWithTwo = Thread.getAllStackTraces().size();

            for (int i = 2; i < NODES; i++) {
                counters.add(connect(io, 100 + i, ref));
            }
            callEach(counters);
            assertThat(server.sessionCount()).isEqualTo(NODES);
            // One thread per node would add 48; a little slack for threads the JDK starts lazily.
            assertThat(Thread.getAllStackTraces().size()).isLessThanOrEqualTo(threadsWithTwo + 3);

            for (int i = 0; i < NODES / 2; i++) {
                nodes.get(i).close();
            }
            callEach(counters.subList(NODES / 2, NODES));
            counters.add(connect(io, 100 + NODES, ref));
            callEach(List.of(counters.getLast()));
        }
    }

    @Test
    void closingTheThreadsIsTheCallersAndCutsTheNodesStillOnThem() throws Exception {
        SturdyRef ref = serveCounter();
        IoThreads io = IoThreads.start(1);
        NodeTest.Counter counter = connect(io, 200, ref);
        assertThat(counter.increment(1).join(WAIT)).isEqualTo(1L);

        io.close();

        assertThatThrownBy(() -> counter.increment(1).join(WAIT)).isInstanceOf(ProblemException.class);
    }

    @Test
    void atLeastOneThread() {
        assertThatThrownBy(() -> IoThreads.start(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
