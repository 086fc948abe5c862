package dev.erg.samples.revoke;

import dev.erg.vat.Promise;
import java.util.List;

/** The documents an organization shares with outsiders, filed in folders. */
public interface DataRoom {

    /** The names of the folders, sorted. */
    Promise<List<String>> folders();

    /** The folder called {@code name}; breaks with {@code NoSuchFolder} if there is none. */
    Promise<Folder> folder(String name);
}
