package dev.erg.server.durable;

import dev.erg.captp.SturdyRef;
import dev.erg.crypto.SwissNumber;

/** How the engine offers the objects that turns make: by sturdy refs of this vat's node. */
interface Exports {

    /** The sturdy ref that {@code swiss} makes on this vat. */
    SturdyRef sturdyRef(SwissNumber swiss);

    /** Makes {@code swiss} designate object {@code id}, of {@code kind}, from now on. */
    void export(long id, Kind<?, ?> kind, SwissNumber swiss);
}
