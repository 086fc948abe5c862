package dev.erg.wire.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** Reads the files of the specification folder, {@code spec/} at the root of the repository. */
public final class SpecVectors {

    /** The specification folder, seen from the module's directory where tests run. */
    static final Path SPEC = Path.of("..", "spec").toAbsolutePath().normalize();

    private static final JsonFactory JSON = new JsonFactory();

    private SpecVectors() {
    }

    /** The JSON file {@code spec/vectors/<name>}, as maps, lists, strings, longs and booleans. */
    public static Object read(String name) {
        Path file = SPEC.resolve("vectors").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing " + file);
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), file)) {
            parser.nextToken();
            return value(parser);
        }
    }

    /** The list under {@code key} of the JSON object in {@code spec/vectors/<name>}. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> vectors(String name, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) read(name)).get(key);
    }

    private static Object value(JsonParser parser) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    map.put(key, value(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw new IllegalStateException("unexpected " + token + " in a vector file");
        };
    }
}
