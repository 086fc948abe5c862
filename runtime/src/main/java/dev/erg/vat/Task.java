package dev.erg.vat;

import java.util.function.Supplier;

/** A turn that runs code handed to {@link Vat#run} or {@link Vat#call}. */
final class Task extends Turn {

    private final Supplier<?> action;
    private final Promise<Object> answer;

    Task(Supplier<?> action, Promise<Object> answer) {
        this.action = action;
        this.answer = answer;
    }

    @Override
    String label() {
        return "run";
    }

    @Override
    Promise<?> answer() {
        return answer;
    }

    @Override
    void run(Vat vat) {
        Object result;
        try {
            result = action.get();
        } catch (RuntimeException | Error e) {
            vat.report("a turn", e);
            if (answer != null) {
                answer.rejectInternal(Problem.from(e));
            }
            return;
        }
        if (answer != null) {
            answer.resolveInternal(result, vat);
        }
    }

    @Override
    void cancel(Problem why) {
        if (answer != null) {
            answer.rejectInternal(why);
        }
    }
}
