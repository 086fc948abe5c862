package dev.erg.server.spi;

import dev.erg.vat.Passable;
import dev.erg.vat.Problem;
import dev.erg.vat.Promise;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the answer of {@link Describable#describe()} from a remote interface. */
public final class Descriptions {

    private Descriptions() {
    }

    /**
     * One map per abstract method of {@code iface} and the interfaces it extends, by name:
     * {@code name}, {@code parameters} (each a {@code name} and a {@code type}; names are
     * {@code arg0}, {@code arg1}... unless compiled with {@code -parameters}) and
     * {@code returns} ({@code "void"} for a send-only method).
     */
    public static List<Map<String, Object>> of(Class<?> iface) {
        List<Map<String, Object>> methods = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                continue;
            }
            List<Map<String, Object>> parameters = new ArrayList<>();
            for (Parameter p : m.getParameters()) {
                parameters.add(Map.of("name", p.getName(), "type", typeName(p.getParameterizedType())));
            }
            methods.add(Map.of("name", m.getName(), "parameters", List.copyOf(parameters), "returns", returns(m)));
        }
        methods.sort(Comparator.comparing(m -> (String) m.get("name")));
        return List.copyOf(methods);
    }

    private static String returns(Method m) {
        if (m.getReturnType() != Promise.class) {
            return "void";
        }
        return m.getGenericReturnType() instanceof ParameterizedType p ? typeName(p.getActualTypeArguments()[0]) : "any";
    }

    /**
     * The name a description gives {@code type}: {@code integer}, {@code number},
     * {@code boolean}, {@code string}, {@code bytes}, {@code list}, {@code map},
     * {@code problem}, {@code any}; {@code ref:<Interface>} for a reference,
     * {@code record:<wire name>} and {@code enum:<wire name>} for passable types.
     */
    public static String typeName(Type type) {
        if (type instanceof ParameterizedType p) {
            return typeName(p.getRawType());
        }
        if (type instanceof GenericArrayType) {
            return "any";
        }
        if (!(type instanceof Class<?> c)) {
            return "any";
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            return "integer";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return "string";
        }
        if (c == byte[].class) {
            return "bytes";
        }
        if (List.class.isAssignableFrom(c) || Collection.class == c) {
            return "list";
        }
        if (Map.class.isAssignableFrom(c)) {
            return "map";
        }
        if (c == Problem.class) {
            return "problem";
        }
        Passable passable = c.getAnnotation(Passable.class);
        if (passable != null) {
            return (c.isEnum() ? "enum:" : "record:") + passable.value();
        }
        if (c.isInterface() && !c.getName().startsWith("java.")) {
            return "ref:" + c.getSimpleName();
        }
        return "any";
    }
}
