package dev.erg.ocapn.syrup;

/**
 * How the OCapN passable codec meets references: the descriptors that stand for remotables and
 * promises ({@code <desc:export 5>}, {@code <desc:import-promise 3>}…) mean something only to a
 * CapTP session, which maps them to and from its tables through this interface, as the
 * {@code erg/1} session does through its reference encoder and decoder.
 */
public interface ReferenceCodec {

    /** No references: every descriptor is refused, as in a value that is data only. */
    ReferenceCodec NONE = writeOnly((value, out) -> false);

    /** A codec that reads no records and writes what {@code writer} writes. */
    static ReferenceCodec writeOnly(Writer writer) {
        return new ReferenceCodec() {
            @Override
            public boolean reads(String label) {
                return false;
            }

            @Override
            public Object read(String label, SyrupReader in) {
                throw new IllegalStateException("reads no records");
            }

            @Override
            public boolean write(Object value, SyrupWriter out) {
                return writer.write(value, out);
            }
        };
    }

    /** How a write-only codec writes a value, as {@link ReferenceCodec#write}. */
    @FunctionalInterface
    interface Writer {
        /** Writes {@code value} as a reference and answers true, or answers false if it is none of this codec's. */
        boolean write(Object value, SyrupWriter out);
    }

    /** Whether records labelled with the symbol {@code label} are references this codec reads. */
    boolean reads(String label);

    /**
     * Reads the rest of a record labelled {@code label}, for which {@link #reads} said yes: its
     * fields and its end ({@link SyrupReader#exit}), and returns the reference it stands for.
     *
     * @throws SyrupException if the fields are not a descriptor this side can resolve
     */
    Object read(String label, SyrupReader in);

    /**
     * Writes {@code value} as a descriptor if it is a reference, and says whether it did; a
     * value it declines is then not passable at all.
     */
    boolean write(Object value, SyrupWriter out);
}
