package dev.erg.server.client;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call by name from the command line: its arguments, given as JSON texts, are turned into
 * values fit for the method, checked against the target's description when it has one.
 */
public final class Invocation {

    private Invocation() {
    }

    /**
     * How {@code target} describes itself by the {@link dev.erg.server.spi.Describable}
     * convention, or empty if it does not.
     *
     * @throws ProblemException if asking failed for another reason than the target having no
     *                          {@code describe} method
     */
    public static Optional<List<MethodDescription>> describe(CapTpClient client, Object target) {
        Object answer;
        try {
            answer = client.call(target, "describe", List.of());
        } catch (ProblemException e) {
            if (e.problem().kind().equals(Problem.NOT_CALLABLE)) {
                return Optional.empty();
            }
            throw e;
        }
        return MethodDescription.fromAnswer(answer);
    }

    /**
     * The arguments of {@code method} from the JSON texts {@code json}: typed by the
     * description of {@code method} in {@code described} if there is one, else as JSON reads.
     *
     * @throws IllegalArgumentException saying which argument is wrong and why, or that the
     *                                  described object has no such method or another arity
     */
    public static List<Object> arguments(String method, List<String> json, Optional<List<MethodDescription>> described) {
        List<MethodDescription.Parameter> parameters = null;
        if (described.isPresent()) {
            MethodDescription found = described.get().stream().filter(m -> m.name().equals(method)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the object has no method \"" + method
                            + "\"; it answers " + String.join(", ", described.get().stream().map(MethodDescription::name).toList())));
            parameters = found.parameters();
            if (parameters.size() != json.size()) {
                throw new IllegalArgumentException(found.signature() + " takes " + parameters.size() + " argument"
                        + (parameters.size() == 1 ? "" : "s") + ", given " + json.size());
            }
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            String type = parameters == null ? "any" : parameters.get(i).type();
            try {
                values.add(JsonValues.parse(json.get(i), type));
            } catch (IllegalArgumentException e) {
                String which = parameters == null ? "" : " (" + parameters.get(i).name() + ")";
                throw new IllegalArgumentException("argument " + (i + 1) + which + ": " + e.getMessage());
            }
        }
        return values;
    }
}
