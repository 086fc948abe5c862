package dev.erg.vat;

import dev.erg.vat.spi.ScalarKind;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the {@link Conversion} of a declared type, refusing the types whose values can
 * never cross vats, so that a remote interface is checked once, when it is first exported or
 * connected to, rather than at each call.
 */
final class Conversions {

    /** Deepest nesting of type arguments followed: {@code List<List<...>>}. */
    private static final int MAX_DEPTH = 16;

    private Conversions() {
    }

    /** @throws IllegalArgumentException saying why values of {@code type} cannot cross vats */
    static Conversion compile(Type type, int depth) {
        if (depth > MAX_DEPTH) {
            throw refused(type, "its type arguments nest deeper than " + MAX_DEPTH);
        }
        return switch (type) {
            case Class<?> c -> ofClass(c, c);
            case ParameterizedType p -> parameterized(p, depth);
            case TypeVariable<?> v -> new Conversion.Any(v.getName());
            case WildcardType w -> w.getLowerBounds().length == 0 && w.getUpperBounds()[0] != Object.class
                    ? compile(w.getUpperBounds()[0], depth + 1)
                    : new Conversion.Any(Conversion.name(w));
            case GenericArrayType a -> throw refused(a, "arrays other than byte[] do not cross vats (use a List)");
            default -> throw refused(type, "it is not a class or a parameterized type");
        };
    }

    private static Conversion parameterized(ParameterizedType p, int depth) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        String name = Conversion.name(p);
        if (raw == List.class) {
            return new Conversion.ListOf(compile(args[0], depth + 1), name);
        }
        if (raw == Map.class) {
            return new Conversion.MapOf(compile(args[0], depth + 1), compile(args[1], depth + 1), name);
        }
        if (raw == Optional.class) {
            Conversion content = compile(args[0], depth + 1);
            if (content instanceof Conversion.OptionalOf) {
                throw refused(p, "an empty Optional and one holding an empty Optional cross alike");
            }
            return new Conversion.OptionalOf(content, name);
        }
        if (raw == Promise.class) {
            return new Conversion.PromiseOf(compile(args[0], depth + 1), name);
        }
        return ofClass(raw, p);
    }

    /** The conversion to class {@code c}, which {@code declared} names (with its type arguments). */
    private static Conversion ofClass(Class<?> c, Type declared) {
        if (c == Object.class) {
            return new Conversion.Any("Object");
        }
        ScalarKind scalar = ScalarKind.of(c);
        if (scalar != null) {
            return new Conversion.Scalar(scalar, !c.isPrimitive(), c.getSimpleName());
        }
        if (c == Promise.class) {
            return new Conversion.PromiseOf(new Conversion.Any("Object"), "Promise");
        }
        if (c == String.class || c == byte[].class || c == Problem.class
                || c == BigDecimal.class || c == Number.class || c == Void.class) {
            return new Conversion.Exact(c);
        }
        if (c == List.class || c == Collection.class || c == Iterable.class) {
            return new Conversion.ListOf(new Conversion.Any("Object"), "List");
        }
        if (c == Map.class) {
            return new Conversion.MapOf(new Conversion.Any("Object"), new Conversion.Any("Object"), "Map");
        }
        if (c == Optional.class) {
            return new Conversion.OptionalOf(new Conversion.Any("Object"), "Optional");
        }
        if (c.isArray()) {
            throw refused(declared, "arrays other than byte[] do not cross vats (use a List)");
        }
        if (c.isEnum() || c.isRecord()) {
            if (!c.isAnnotationPresent(Passable.class)) {
                throw refused(declared, "it is not marked @Passable");
            }
            return new Conversion.Exact(c);
        }
        if (c.isInterface()) {
            if (RemoteInterfaces.isRemote(c)) {
                return new Conversion.Remote(c);
            }
            String sealedRefusal = sealedRefusal(c, 0);
            if (sealedRefusal == null) {
                return new Conversion.Exact(c);
            }
            throw refused(declared, "it is neither a remote interface (methods returning Promise or void) nor "
                    + "a sealed interface of @Passable records and enums" + sealedRefusal);
        }
        throw refused(declared, "a " + c.getSimpleName() + " is neither data nor a remote interface");
    }

    /** Null if {@code c} is a sealed interface whose every permitted type is passable data; else why not. */
    private static String sealedRefusal(Class<?> c, int depth) {
        if (!c.isSealed()) {
            return "";
        }
        if (depth > MAX_DEPTH) {
            return " (its sealed hierarchy nests deeper than " + MAX_DEPTH + ")";
        }
        for (Class<?> permitted : c.getPermittedSubclasses()) {
            boolean data = (permitted.isRecord() || permitted.isEnum()) && permitted.isAnnotationPresent(Passable.class);
            if (!data && (!permitted.isInterface() || sealedRefusal(permitted, depth + 1) != null)) {
                return " (it permits " + permitted.getSimpleName() + ")";
            }
        }
        return null;
    }

    private static IllegalArgumentException refused(Type type, String why) {
        return new IllegalArgumentException(Conversion.name(type) + " cannot cross vats: " + why);
    }
}
