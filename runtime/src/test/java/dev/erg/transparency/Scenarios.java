package dev.erg.transparency;

import java.util.ArrayList;
import java.util.List;

/** Every scenario of the transparency suite. */
final class Scenarios {

    /** What the scenarios whose parameters or results are narrower than the wire's types await. */
    static final String CONVERSION =
            "conversion of arguments and answers to the declared parameter and return types";
    /** What the scenario of a send to a promise for data awaits. */
    static final String NOT_CALLABLE_TEXT =
            "a NotCallable problem that names the interface and method alike in every mode";

    /** What the scenario of a reference passed twice awaits. */
    static final String ONE_PROXY_PER_REFERENCE =
            "one proxy for every arrival of the same reference in a message, as within one JVM";

    /** What the scenario of a reference handed back through a third vat awaits. */
    static final String HOME_AGAIN =
            "a reference handed through a third vat arriving in its own vat as the near object";

    /** What the scenario of a resolved promise sent to its object's vat awaits. */
    static final String RESOLVED_PROMISE_HOME =
            "a promise that has resolved to an object, passed on, arriving in that object's vat as the object in one JVM,"
                    + " as it does over the network";

    private Scenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(SendScenarios.all());
        all.addAll(HandoffScenarios.all());
        all.addAll(ProblemScenarios.all());
        all.addAll(PassableScenarios.all());
        all.addAll(TypeScenarios.all());
        all.addAll(RevocationScenarios.all());
        all.addAll(TraceScenarios.all());
        all.addAll(StreamScenarios.all());
        return all;
    }
}
