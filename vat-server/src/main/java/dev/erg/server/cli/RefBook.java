package dev.erg.server.cli;

import dev.erg.server.admin.SturdyListing;
import dev.erg.server.config.SetupException;
import java.util.List;

/** The sturdy refs of a data directory, managed through its running server or, when none runs, on disk. */
interface RefBook extends AutoCloseable {

    /** Issues a new sturdy ref to {@code service}, served through a membrane if {@code revocable}; returns its text. */
    String mint(String service, boolean revocable) throws SetupException;

    /** The sturdy refs issued, oldest first. */
    List<SturdyListing> list() throws SetupException;

    /**
     * Revokes {@code sturdyRef}, and if {@code live} also cuts the live references fetched
     * through it, which only a ref minted revocable allows; returns whether it designated something.
     */
    boolean revoke(String sturdyRef, boolean live) throws SetupException;

    /** Whether changes go through a running server (else straight to the files). */
    boolean online();

    @Override
    void close();
}
