package dev.erg.vat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;

/** A method of a remote interface, made callable once and described for problems. */
final class RemoteMethod {

    private static final Object[] NO_ARGS = new Object[0];
    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String name;
    private final boolean answers;
    private final Class<?> answerType;
    /** For each parameter, its type if it is a remote interface (an import arriving untyped becomes a proxy of it), else null. */
    private final Class<?>[] remoteParameters;
    private final Class<?> declaringInterface;
    private final String description;
    private final MethodHandle invoker;

    RemoteMethod(Method method) {
        this.name = method.getName();
        this.answers = method.getReturnType() != void.class;
        this.answerType = answerType(method);
        Class<?>[] types = method.getParameterTypes();
        this.remoteParameters = new Class<?>[types.length];
        for (int i = 0; i < types.length; i++) {
            remoteParameters[i] = types[i].isInterface() && RemoteInterfaces.isRemote(types[i]) ? types[i] : null;
        }
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

    private static Class<?> answerType(Method method) {
        if (method.getGenericReturnType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    /** Calls the method on {@code target}; whatever the method throws comes out unwrapped. */
    Object invoke(Object target, Object[] args) throws Throwable {
        Object[] spread = args == null ? NO_ARGS : args;
        for (int i = 0; i < spread.length; i++) {
            if (remoteParameters[i] != null) {
                if (spread[i] instanceof RemoteTarget untyped) {
                    spread[i] = RemoteRef.proxy(untyped, remoteParameters[i]);
                } else if (spread[i] instanceof Promise<?> promise) {
                    spread[i] = PromiseRef.proxy(promise, remoteParameters[i]);
                }
            }
        }
        return (Object) invoker.invokeExact(target, spread);
    }
}
