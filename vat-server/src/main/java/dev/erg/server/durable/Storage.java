package dev.erg.server.durable;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where durable state is kept: an SQLite file, or a PostgreSQL database that several hosts
 * may share, each vat in a schema of its own.
 *
 * @param url      a JDBC URL: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DB}
 * @param user     the database user; empty for SQLite
 * @param password the user's password; empty for none
 */
public record Storage(String url, String user, String password) {

    /** Checks that the URL names a database this build can use. */
    public Storage {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("storage: expected jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, got \""
                    + (url.length() > 60 ? url.substring(0, 60) + "…" : url) + "\"");
        }
    }

    /** An SQLite database in {@code file}. */
    public static Storage sqlite(Path file) {
        return new Storage("jdbc:sqlite:" + file.toAbsolutePath(), "", "");
    }

    /** Whether this is PostgreSQL. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL without credentials, for messages. */
    @Override
    public String toString() {
        return url;
    }
}
