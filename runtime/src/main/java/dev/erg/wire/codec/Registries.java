package dev.erg.wire.codec;

import dev.erg.wire.PassableRegistry;

/**
 * The codec's way in to a {@link PassableRegistry}'s records and enums, which the registry keeps
 * package-private. A codec always holds a registry, so {@link PassableRegistry} is initialized,
 * and its {@link TypeLookup} installed, before any lookup.
 */
public final class Registries {

    private static volatile TypeLookup lookup;

    private Registries() {
    }

    /**
     * Installs the wire package's lookup; called once, while {@link PassableRegistry} is
     * initialized.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(TypeLookup implementation) {
        if (lookup != null) {
            throw new IllegalStateException("the registry lookup is installed already");
        }
        lookup = implementation;
    }

    static RecordType recordType(PassableRegistry registry, Class<?> type) {
        return lookup.recordType(registry, type);
    }

    static RecordType recordNamed(PassableRegistry registry, String name) {
        return lookup.recordNamed(registry, name);
    }

    static EnumType enumType(PassableRegistry registry, Class<?> type) {
        return lookup.enumType(registry, type);
    }

    static EnumType enumNamed(PassableRegistry registry, String name) {
        return lookup.enumNamed(registry, name);
    }
}
