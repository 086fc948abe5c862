package dev.erg.vat;

/** A turn that delivers one eventual send to its target object, in the target's vat. */
final class Delivery extends Turn {

    private final Object target;
    private final RemoteMethod method;
    private final Object[] args;
    private final Promise<Object> answer;
    private final Vat sender;

    /**
     * @param args   already passed into the target's vat
     * @param answer null for a send-only message
     * @param sender the vat the answer goes back to, or null when sent from outside any vat
     */
    Delivery(Object target, RemoteMethod method, Object[] args, Promise<Object> answer, Vat sender) {
        this.target = target;
        this.method = method;
        this.args = args;
        this.answer = answer;
        this.sender = sender;
    }

    @Override
    Promise<?> answer() {
        return answer;
    }

    @Override
    String label() {
        return method.describe();
    }

    @Override
    void run(Vat vat) {
        Object[] converted;
        try {
            converted = method.arguments(args);
        } catch (ProblemException e) {
            // The caller's mistake, told to the caller: not a fault of this vat's code.
            PeerFault.NOT_CALLABLE.add();
            if (answer != null) {
                answer.rejectInternal(e.problem());
            }
            return;
        }
        Object result;
        try {
            result = method.invoke(target, converted);
        } catch (Throwable thrown) {
            // invokeExact declares Throwable: this is whatever the application method threw.
            vat.reportCall(method.describe(), thrown);
            if (answer != null) {
                answer.rejectInternal(Problem.from(thrown));
            }
            if (thrown instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        if (answer != null) {
            Settlement.resolveAnswer(answer, result, vat, sender);
        }
    }

    @Override
    void cancel(Problem why) {
        if (answer != null) {
            answer.rejectInternal(why);
        }
    }
}
