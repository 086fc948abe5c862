package dev.erg.server.durable;

import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import dev.erg.vat.Resolver;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one piece of {@link Work} on the engine's thread into the batch being built, with what settles it after the commit. */
final class WorkDispatch {

    /** Logged as the engine's, whose work this is. */
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final JdbcStore store;
    private final LiveObjects objects;
    private final OutStreams outStreams;
    private final TurnRunner runner;
    private final LetterIntake letters;

    WorkDispatch(JdbcStore store, LiveObjects objects, OutStreams outStreams, TurnRunner runner, LetterIntake letters) {
        this.store = store;
        this.objects = objects;
        this.outStreams = outStreams;
        this.runner = runner;
        this.letters = letters;
    }

    /** Runs one work item; a failure is its own, never the engine's or another caller's. */
    void handle(Work work, Batch batch, List<Settle> settles) {
        try {
            dispatch(work, batch, settles);
        } catch (RuntimeException e) {
            runner.clear();
            Problem problem = store.lost()
                    ? Problem.of(DurableHost.STORE_UNAVAILABLE, "%s; nothing was done", JdbcStore.oneLine(e))
                    : Problem.of(Problem.UNAVAILABLE, "the durable engine could not run this: %s", e.getMessage());
            LOG.error("durable engine: {} failed: {}", work.getClass().getSimpleName(), e.toString());
            settles.add(new Settle(() -> work.reject(problem), p -> work.reject(problem)));
        }
    }

    private void dispatch(Work work, Batch batch, List<Settle> settles) {
        switch (work) {
            case Work.Invoke invoke -> invoke(invoke, batch, settles);
            case Work.Deliver deliver -> letters.deliver(deliver.letter(), deliver.receipt(), batch, settles);
            case Work.Acknowledge ack -> {
                if (outStreams.acknowledge(ack.letter(), ack.receipt(), batch)) {
                    runner.reply(ack.letter(), ack.receipt(), batch);
                }
            }
            case Work.Halt halt -> outStreams.halt(halt.stream(), halt.why(), batch);
            case Work.Task<?> task -> task.run();
        }
    }

    private void invoke(Work.Invoke invoke, Batch batch, List<Settle> settles) {
        Live object = objects.get(invoke.object());
        Resolver<Object> answer = invoke.answer();
        if (object == null) {
            Problem gone = Problem.of(Problem.NOT_CALLABLE, "durable object %d is not in the store", invoke.object());
            settles.add(new Settle(() -> answer.reject(gone), p -> answer.reject(gone)));
            return;
        }
        Outcome outcome = runner.turn(object, invoke.method(), invoke.args(), batch);
        settles.add(new Settle(() -> settle(answer, outcome), answer::reject));
    }

    @SuppressWarnings("unchecked")
    private static void settle(Resolver<Object> answer, Outcome outcome) {
        if (outcome.problem() != null) {
            answer.reject(outcome.problem());
        } else if (outcome.value() instanceof Promise<?> promise) {
            answer.forward((Promise<Object>) promise);
        } else {
            answer.resolve(outcome.value());
        }
    }
}
