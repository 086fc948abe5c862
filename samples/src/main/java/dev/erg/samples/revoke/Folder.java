package dev.erg.samples.revoke;

import dev.erg.vat.Promise;
import java.util.List;

/** One folder of a {@link DataRoom}. */
public interface Folder {

    /** The names of its documents, sorted. */
    Promise<List<String>> documents();

    /** The text of the document called {@code name}; breaks with {@code NoSuchDocument} if there is none. */
    Promise<String> read(String name);
}
