package dev.erg.vat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A method of a remote interface, made callable once and described for problems. Arguments
 * and answers are converted to the declared types as they arrive (see {@link Conversion}), so
 * that a call behaves the same whether it crossed a wire or not.
 */
final class RemoteMethod {

    private static final Object[] NO_ARGS = new Object[0];
    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String name;
    private final boolean answers;
    private final Class<?> answerType;
    private final Conversion[] parameters;
    /** What the answer becomes; null for a send-only method or one answering any value. */
    private final Conversion answer;
    /** Why the method cannot be called (a declared type that cannot cross vats), or null. */
    private final String refusal;
    private final Class<?> declaringInterface;
    private final String description;
    /** What a mismatching answer is said to be: made once, not per call. */
    private final String answerDescription;
    private final MethodHandle invoker;

    RemoteMethod(Method method) {
        this.name = RemoteInterfaces.nameOf(method);
        this.answers = method.getReturnType() != void.class;
        this.answerType = answerType(method);
        this.declaringInterface = method.getDeclaringClass();
        this.description = declaringInterface.getSimpleName() + "." + method.getName();
        this.answerDescription = "the answer of " + description;
        Type[] types = method.getGenericParameterTypes();
        Conversion[] compiled = new Conversion[types.length];
        Conversion answerConversion = null;
        String why = null;
        try {
            for (int i = 0; i < types.length; i++) {
                compiled[i] = Conversion.to(types[i]);
            }
            if (answers && method.getGenericReturnType() instanceof ParameterizedType p) {
                Conversion c = Conversion.to(p.getActualTypeArguments()[0]);
                answerConversion = c instanceof Conversion.Any ? null : c;
            }
        } catch (IllegalArgumentException e) {
            why = description + ": " + e.getMessage();
        }
        this.parameters = compiled;
        this.answer = answerConversion;
        this.refusal = why;
        method.trySetAccessible();
        try {
            this.invoker = MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(SPREAD);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot call " + description + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /** The {@code T} of the method's {@code Promise<T>}, if a class; else {@code Object}. */
    Class<?> answerType() {
        return answerType;
    }

    /** Whether the method returns a promise (false: send-only). */
    boolean answers() {
        return answers;
    }

    Class<?> declaringInterface() {
        return declaringInterface;
    }

    String describe() {
        return description;
    }

    /** Why this method cannot be called (a declared type whose values cannot cross vats), or null. */
    String refusal() {
        return refusal;
    }

    /** Makes {@code promise}, the answer to a call of this method, convert its value to the declared type. */
    void expectAnswer(Promise<Object> promise) {
        if (answer != null) {
            promise.expect(answer, answerDescription);
        }
    }

    /**
     * {@code args}, converted in place to the declared parameter types.
     *
     * @throws ProblemException with a {@value Problem#NOT_CALLABLE} problem saying which
     *                          argument does not fit, or that their count is wrong
     */
    Object[] arguments(Object[] args) {
        if (refusal != null) {
            throw new ProblemException(Problem.NOT_CALLABLE, refusal);
        }
        Object[] given = args == null ? NO_ARGS : args;
        if (given.length != parameters.length) {
            throw new ProblemException(Problem.NOT_CALLABLE, description + " takes " + count(parameters.length)
                    + ", given " + given.length);
        }
        for (int i = 0; i < given.length; i++) {
            try {
                given[i] = parameters[i].apply(given[i]);
            } catch (Conversion.Mismatch m) {
                throw new ProblemException(Problem.NOT_CALLABLE,
                        description + " argument " + (i + 1) + ": " + m.getMessage());
            }
        }
        return given;
    }

    private static String count(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }

    private static Class<?> answerType(Method method) {
        if (method.getGenericReturnType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /**
     * Calls the method on {@code target} with arguments made by {@link #arguments}; whatever
     * the method throws comes out unwrapped.
     */
    Object invoke(Object target, Object[] args) throws Throwable {
        return (Object) invoker.invokeExact(target, args);
    }
}
