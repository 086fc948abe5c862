package dev.erg.wire.codec;

import dev.erg.wire.PassableRegistry;

/**
 * What the codec looks up in a {@link PassableRegistry}, kept out of the exported API:
 * {@code dev.erg.wire} implements it and installs it in {@link Registries} when
 * {@link PassableRegistry} is initialized.
 */
public interface TypeLookup {

    /** The registered record of class {@code type}, or null. */
    RecordType recordType(PassableRegistry registry, Class<?> type);

    /** The registered record of wire name {@code name}, or null. */
    RecordType recordNamed(PassableRegistry registry, String name);

    /** The registered enum of class {@code type}, or null. */
    EnumType enumType(PassableRegistry registry, Class<?> type);

    /** The registered enum of wire name {@code name}, or null. */
    EnumType enumNamed(PassableRegistry registry, String name);
}
