package dev.erg.vat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/** A method of a remote interface, made callable once and described for problems. */
final class RemoteMethod {

    private static final Object[] NO_ARGS = new Object[0];
    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final boolean answers;
    private final Class<?> declaringInterface;
    private final String description;
    private final MethodHandle invoker;

    RemoteMethod(Method method) {
        this.answers = method.getReturnType() != void.class;
        this.declaringInterface = method.getDeclaringClass();
        this.description = declaringInterface.getSimpleName() + "." + method.getName();
        method.trySetAccessible();
        try {
            this.invoker = MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(SPREAD);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot call " + description + ": " + e.getMessage(), e);
        }
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

    /** Calls the method on {@code target}; whatever the method throws comes out unwrapped. */
    Object invoke(Object target, Object[] args) throws Throwable {
        Object[] spread = args == null ? NO_ARGS : args;
        return (Object) invoker.invokeExact(target, spread);
    }
}
