package dev.erg.wire.codec;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * A registered record type: its wire name, and what the codec needs to take instances apart
 * and build them again, prepared once. Components are read through their accessor methods and
 * instances are built through the canonical constructor, both as method handles adapted to
 * {@code Object} so that calling them allocates nothing beyond boxing primitive components.
 */
public final class RecordType {

    private final String name;
    private final String[] componentNames;
    private final Expect[] expects;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    private final byte[] prefix;

    /**
     * @param accessors   one per component, each of type {@code (Object)Object}
     * @param constructor the canonical constructor, of type {@code (Object[])Object}
     */
    public RecordType(String name, String[] componentNames, Expect[] expects, MethodHandle[] accessors,
               MethodHandle constructor) {
        this.name = name;
        this.componentNames = componentNames;
        this.expects = expects;
        this.accessors = accessors;
        this.constructor = constructor;
        CborWriter writer = new CborWriter();
        writer.head(Cbor.TAG, Tag.RECORD);
        writer.head(Cbor.ARRAY, componentNames.length + 1L);
        writer.text(name, Integer.MAX_VALUE);
        this.prefix = writer.toByteArray();
    }

    public String name() {
        return name;
    }

    int arity() {
        return componentNames.length;
    }

    String componentName(int index) {
        return componentNames[index];
    }

    Expect expect(int index) {
        return expects[index];
    }

    /** Writes the tag, the array head and the name: everything before the components. */
    void writePrefix(CborWriter writer) {
        writer.raw(prefix, 3);
    }

    /** The value of component {@code index} of {@code record}, boxed. */
    Object component(Object record, int index) {
        try {
            return (Object) accessors[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /**
     * A new instance from its components, in declaration order.
     *
     * @throws RuntimeException whatever the canonical constructor throws to reject them
     */
    Object construct(Object[] components) {
        try {
            return (Object) constructor.invokeExact(components);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }
}
