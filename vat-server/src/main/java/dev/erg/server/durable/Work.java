package dev.erg.server.durable;

import dev.erg.vat.Problem;
import dev.erg.vat.Resolver;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One unit of the {@link Engine}'s work, queued from any thread and run on the engine's: each
 * is one turn.
 */
sealed interface Work {

    /** A live call on a durable object. */
    record Invoke(long object, Method method, Object[] args, Resolver<Object> answer) implements Work {
    }

    /** A letter from another vat. */
    record Deliver(Letter letter, Resolver<Receipt> receipt) implements Work {
    }

    /** The receipt for one of our letters, given in stream order. */
    record Acknowledge(OutLetter letter, Receipt receipt) implements Work {
    }

    /** A stream to stop because its receiver refused it. */
    record Halt(String stream, String why) implements Work {
    }

    /** Work on the engine's state that is not a turn, such as making a root object. */
    record Task<R>(Supplier<R> action, CompletableFuture<R> done) implements Work {

        /** Runs the action and completes {@code done} with what it answers or throws. */
        void run() {
            try {
                done.complete(action.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }

    /** Tells whoever waits for this work that it was not done, because of {@code problem}. */
    default void reject(Problem problem) {
        switch (this) {
            case Invoke invoke -> invoke.answer().reject(problem);
            case Deliver deliver -> deliver.receipt().reject(problem);
            case Acknowledge ack -> {
            }
            case Halt halt -> {
            }
            case Task<?> task -> task.done().completeExceptionally(problem.kind().equals(Problem.VAT_SHUT_DOWN)
                    ? new IllegalStateException(problem.toString()) : new StoredDataException(problem.toString()));
        }
    }
}
