package dev.erg.server.store;

import dev.erg.crypto.SwissNumber;
import dev.erg.server.config.SetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sturdy refs a server has issued, kept across restarts in a file readable by its owner
 * only: one {@code <swiss number> <service>} per line, followed by {@code revocable} for a
 * ref served through a membrane. Whoever reads the file holds every
 * hosted object. Each change is written at once, atomically; if writing fails, the change is
 * undone and the file is left as it was.
 *
 * <p>Not thread-safe: a running server changes it only in its admin vat's turns.
 */
public final class SturdyStore {

    /**
     * One issued sturdy ref: its secret, the name of the service it designates, and whether
     * it is served through a membrane, so that revoking it can also cut the live references
     * obtained through it.
     */
    public record Entry(SwissNumber swiss, String service, boolean revocable) {
        /** Checks the fields. */
        public Entry {
            Objects.requireNonNull(swiss, "swiss");
            Objects.requireNonNull(service, "service");
        }

        /** A ref served directly, not revocable live. */
        public Entry(SwissNumber swiss, String service) {
            this(swiss, service, false);
        }
    }

    static final String HEADER = "# Sturdy refs issued by this server: <swiss number> <service> [revocable]."
            + " Secret: whoever reads this file holds the objects.";
    private static final String REVOCABLE = "revocable";

    private final Path file;
    private final List<Entry> entries;

    private SturdyStore(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** An empty store, written to {@code file}. */
    static SturdyStore create(Path file) throws IOException {
        SturdyStore store = new SturdyStore(file, new ArrayList<>());
        AtomicFiles.write(file, store.text());
        return store;
    }

    /**
     * The store in {@code file}.
     *
     * @throws SetupException naming the line that cannot be read
     */
    static SturdyStore load(Path file) throws SetupException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SetupException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2 || fields.length > 3 || fields.length == 3 && !fields[2].equals(REVOCABLE)) {
                throw new SetupException(file + " line " + (i + 1) + ": expected `<swiss number> <service> [revocable]`");
            }
            try {
                entries.add(new Entry(SwissNumber.parse(fields[0]), fields[1], fields.length == 3));
            } catch (IllegalArgumentException e) {
                // The message of SwissNumber.parse never repeats the number.
                throw new SetupException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new SturdyStore(file, entries);
    }

    /** The entries, oldest first. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entry of {@code swiss}, if there is one. */
    public Optional<Entry> find(SwissNumber swiss) {
        return entries.stream().filter(e -> e.swiss().equals(swiss)).findFirst();
    }

    /**
     * Adds {@code entry} and writes the file.
     *
     * @throws UncheckedIOException if the file cannot be written; the store is then unchanged
     */
    public void add(Entry entry) {
        entries.add(Objects.requireNonNull(entry, "entry"));
        try {
            AtomicFiles.write(file, text());
        } catch (IOException e) {
            entries.removeLast();
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the entry of {@code swiss} and writes the file; returns the entry removed, or
     * null if there was none.
     *
     * @throws UncheckedIOException if the file cannot be written; the store is then unchanged
     */
    public Entry remove(SwissNumber swiss) {
        int index = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).swiss().equals(swiss)) {
                index = i;
            }
        }
        if (index < 0) {
            return null;
        }
        Entry removed = entries.remove(index);
        try {
            AtomicFiles.write(file, text());
        } catch (IOException e) {
            entries.add(index, removed);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private String text() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            text.append(e.swiss().text()).append(' ').append(e.service());
            if (e.revocable()) {
                text.append(' ').append(REVOCABLE);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
