package dev.erg.vat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** A method of a remote interface, made callable once and described for problems. */
final class RemoteMethod {

    private final Method method;
    private final boolean answers;
    private final String description;

    RemoteMethod(Method method) {
        this.method = method;
        this.answers = method.getReturnType() != void.class;
        this.description = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        method.trySetAccessible();
    }

    /** Whether the method returns a promise (false: send-only). */
    boolean answers() {
        return answers;
    }

    Class<?> declaringInterface() {
        return method.getDeclaringClass();
    }

    String describe() {
        return description;
    }

    Object invoke(Object target, Object[] args) throws InvocationTargetException, IllegalAccessException {
        return method.invoke(target, args);
    }
}
