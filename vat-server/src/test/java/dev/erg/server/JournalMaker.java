package dev.erg.server;

import dev.erg.server.spi.ServiceContext;
import dev.erg.server.spi.ServiceMaker;
import dev.erg.vat.Promise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes {@link Journal}s, as the maker {@code journal}, for tests of shutdown: each turn
 * appends "begin n" to {@code journal.txt} in the service's directory, works for a few
 * milliseconds, then appends "end n". A turn cut in half leaves a "begin" without its "end".
 */
public final class JournalMaker implements ServiceMaker {

    /** The file each journal writes, in its service's directory. */
    public static final String FILE = "journal.txt";

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public Object make(ServiceContext context) {
        try {
            Files.createDirectories(context.directory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = context.directory().resolve(FILE);
        return context.vat().export(new Journal() {
            private long n;

            @Override
            public Promise<Long> record() {
                n++;
                append(file, "begin " + n);
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                append(file, "end " + n);
                return Promise.of(n);
            }
        }, Journal.class);
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
