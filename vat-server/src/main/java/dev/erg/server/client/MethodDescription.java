package dev.erg.server.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One method as an object describes it by the {@link dev.erg.server.spi.Describable}
 * convention.
 *
 * @param name       the method's name
 * @param parameters its parameters, in order
 * @param returns    the type of its answer; {@code "void"} if it answers nothing
 */
public record MethodDescription(String name, List<Parameter> parameters, String returns) {

    /** One parameter: its name and type. */
    public record Parameter(String name, String type) {
    }

    /** Copies the list. */
    public MethodDescription {
        parameters = List.copyOf(parameters);
    }

    /**
     * The methods in {@code answer}, the answer to {@code describe}; empty if it does not
     * follow the convention.
     */
    public static Optional<List<MethodDescription>> fromAnswer(Object answer) {
        if (!(answer instanceof List<?> methods)) {
            return Optional.empty();
        }
        List<MethodDescription> described = new ArrayList<>();
        for (Object m : methods) {
            if (!(m instanceof Map<?, ?> method && method.get("name") instanceof String name
                    && method.get("returns") instanceof String returns
                    && method.get("parameters") instanceof List<?> params)) {
                return Optional.empty();
            }
            List<Parameter> parameters = new ArrayList<>();
            for (Object p : params) {
                if (!(p instanceof Map<?, ?> parameter && parameter.get("name") instanceof String pName
                        && parameter.get("type") instanceof String type)) {
                    return Optional.empty();
                }
                parameters.add(new Parameter(pName, type));
            }
            described.add(new MethodDescription(name, parameters, returns));
        }
        return Optional.of(List.copyOf(described));
    }

    /** The method as a line: {@code increment(by: integer) -> integer}. */
    public String signature() {
        StringBuilder line = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(parameters.get(i).name()).append(": ").append(parameters.get(i).type());
        }
        return line.append(") -> ").append(returns).toString();
    }
}
