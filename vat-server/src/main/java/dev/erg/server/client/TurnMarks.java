package dev.erg.server.client;

import dev.erg.server.durable.Progress;
import dev.erg.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a client remembers of each vat-server's durable store: the highest {@link Progress} it
 * has seen, per vat. A vat that later shows less (fewer turns committed than the client saw, a
 * lower generation, or another incarnation under the same generation) was restored from an
 * older copy of its store and lost turns it had acknowledged; the client is told so. Kept in a
 * file, one line per vat, so that a client remembers across its own runs, or in memory alone.
 * Thread-safe.
 */
public final class TurnMarks {

    private static final Pattern LINE = Pattern.compile("(\\S+) (\\d+) ([0-9a-f]{32}) (\\d+)");

    private final Path file;
    private final Map<String, Progress> marks = new LinkedHashMap<>();

    private TurnMarks(Path file) {
        this.file = file;
    }

    /** Marks kept in memory only, for the life of this object. */
    public static TurnMarks inMemory() {
        return new TurnMarks(null);
    }

    /**
     * Marks kept in {@code file}, read now if it exists; a line that does not read is skipped,
     * so a damaged file costs only what it held.
     *
     * @throws UncheckedIOException if the file exists and cannot be read
     */
    public static TurnMarks in(Path file) {
        TurnMarks marks = new TurnMarks(file);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    var m = LINE.matcher(line.strip());
                    if (m.matches()) {
                        marks.marks.put(m.group(1), new Progress(m.group(1), Long.parseLong(m.group(2)), m.group(3),
                                Long.parseLong(m.group(4))));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getMessage(), e));
            }
        }
        return marks;
    }

    /**
     * Takes in {@code now}, what vat {@code now.vat()} shows; answers why that vat is behind
     * what this client saw before, if it is. The mark kept is the higher of the two, so a vat
     * behind is reported until it has come past what was seen.
     *
     * @throws UncheckedIOException if the marks' file cannot be written
     */
    public synchronized Optional<String> observe(Progress now) {
        Progress seen = marks.get(now.vat());
        Optional<String> behind = seen == null ? Optional.empty() : behind(seen, now);
        if (seen == null || behind.isEmpty() && !seen.equals(now)) {
            marks.put(now.vat(), now);
            save();
        }
        return behind;
    }

    private static Optional<String> behind(Progress seen, Progress now) {
        String restored = ": it was restored from an older copy of its store, and turns it acknowledged are lost";
        if (now.turns() < seen.turns()) {
            return Optional.of("vat " + now.vat() + " has committed " + now.turns() + " turns, but this client saw "
                    + seen.turns() + " committed" + restored);
        }
        if (now.generation() < seen.generation()) {
            return Optional.of("vat " + now.vat() + " is at generation " + now.generation() + ", but this client saw"
                    + " generation " + seen.generation() + restored);
        }
        if (now.generation() == seen.generation() && !now.incarnation().equals(seen.incarnation())) {
            return Optional.of("vat " + now.vat() + " started twice as generation " + now.generation() + " (incarnations "
                    + seen.incarnation() + " and " + now.incarnation() + ")" + restored);
        }
        return Optional.empty();
    }

    private void save() {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Progress p : marks.values()) {
            text.append(p.vat()).append(' ').append(p.generation()).append(' ').append(p.incarnation()).append(' ')
                    .append(p.turns()).append('\n');
        }
        try {
            AtomicFiles.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
