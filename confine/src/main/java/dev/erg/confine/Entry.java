package dev.erg.confine;

import dev.erg.vat.Problem;
import dev.erg.vat.ProblemException;
import dev.erg.vat.Vat;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/** The first turn of a confined vat: makes the bundle's entry, starts it and exports its root. */
final class Entry {

    /** The kind of problem with which a root promise breaks when the bundle's entry cannot start. */
    static final String BAD_ENTRY = "BadEntry";

    private Entry() {
    }

    /** Runs in the vat's first turn; on failure, terminates the vat and throws the problem. */
    static <T> T start(Vat vat, ClassLoader loader, String entryName, Endowments endowments, List<Object> args,
            Class<T> root, Ending ending) {
        try {
            VatEntry entry = construct(loader, entryName);
            Object object = entry.start(endowments, args);
            if (!root.isInstance(object)) {
                throw new ProblemException(BAD_ENTRY, entryName + ".start answered "
                        + (object == null ? "null" : "an object that is not a " + root.getName()));
            }
            return vat.export(root.cast(object), root);
        } catch (ProblemException e) {
            ending.end("its entry did not start: " + e.problem().message());
            throw e;
        } catch (RuntimeException | LinkageError e) {
            Problem problem = Problem.from(e);
            ending.end("its entry did not start: " + problem.message());
            throw new ProblemException(BAD_ENTRY, problem.message());
        }
    }

    private static VatEntry construct(ClassLoader loader, String entryName) {
        Class<?> type;
        try {
            type = Class.forName(entryName, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ProblemException(BAD_ENTRY, "no entry class " + entryName);
        }
        if (!VatEntry.class.isAssignableFrom(type) || !Modifier.isPublic(type.getModifiers())
                || Modifier.isAbstract(type.getModifiers())) {
            throw new ProblemException(BAD_ENTRY, entryName + " is not a public class implementing VatEntry");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (VatEntry) constructor.newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new ProblemException(BAD_ENTRY, entryName + " has no public constructor without arguments");
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new ProblemException(BAD_ENTRY, entryName + "'s constructor threw "
                    + Problem.from(e.getCause()).message());
        }
    }
}
