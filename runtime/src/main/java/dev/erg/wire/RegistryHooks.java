package dev.erg.wire;

import dev.erg.wire.codec.EnumType;
import dev.erg.wire.codec.RecordType;
import dev.erg.wire.codec.TypeLookup;

/** The codec's way in to {@link PassableRegistry}'s package-private lookups; see {@link dev.erg.wire.codec.Registries}. */
final class RegistryHooks implements TypeLookup {

    @Override
    public RecordType recordType(PassableRegistry registry, Class<?> type) {
        return registry.recordType(type);
    }

    @Override
    public RecordType recordNamed(PassableRegistry registry, String name) {
        return registry.recordNamed(name);
    }

    @Override
    public EnumType enumType(PassableRegistry registry, Class<?> type) {
        return registry.enumType(type);
    }

    @Override
    public EnumType enumNamed(PassableRegistry registry, String name) {
        return registry.enumNamed(name);
    }
}
