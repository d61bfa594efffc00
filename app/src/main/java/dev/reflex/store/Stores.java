package dev.reflex.store;

import dev.reflex.config.JdbcUrls;
import dev.reflex.config.ReflexConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the {@link Store} the settings describe: the embedded SQLite database
 * {@code <dataDir>/reflex.db} when no URL is set (or for a {@code jdbc:sqlite:<file>} URL), a
 * PostgreSQL server for a {@code jdbc:postgresql://…} URL.
 */
public final class Stores {

    /** The embedded database's file name inside the data directory. */
    public static final String SQLITE_FILE = "reflex.db";
    /** The secret key's file name inside the data directory. */
    public static final String KEY_FILE = "secret.key";

    private Stores() {
    }

    /**
     * A store over the configured database, with the secret key in {@code <dataDir>/secret.key}. The
     * store is not started: {@link JdbcStore#start()} connects and migrates.
     *
     * @param settings the store settings; {@code url} null selects SQLite
     * @param dataDir  the data directory, created at start when SQLite needs it
     * @param clock    the time source for timestamps and expiry
     * @throws StoreException if the settings are invalid or name an unsupported database
     */
    public static JdbcStore open(ReflexConfig.StoreSettings settings, Path dataDir, Clock clock) {
        return open(settings, dataDir, dataDir.resolve(KEY_FILE), clock);
    }

    /**
     * As {@link #open(ReflexConfig.StoreSettings, Path, Clock)}, with the secret key in {@code keyFile}.
     * Several nodes sharing one PostgreSQL database need a copy of the same key file.
     */
    public static JdbcStore open(ReflexConfig.StoreSettings settings, Path dataDir, Path keyFile, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(clock, "clock");
        validate(settings);
        return new JdbcStore(backend(settings, dataDir), settings, keyFile, clock);
    }

    private static Backend backend(ReflexConfig.StoreSettings settings, Path dataDir) {
        String url = settings.url();
        if (url == null || url.isBlank()) {
            return new SqliteBackend(dataDir.resolve(SQLITE_FILE), settings.sqliteSync());
        }
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            if (file.isEmpty() || file.contains("?") || file.startsWith(":") || file.startsWith("file:")) {
                throw new StoreException("a SQLite store URL must be jdbc:sqlite:<path of a file>, without "
                        + "parameters or in-memory names; got " + JdbcUrls.redact(url));
            }
            return new SqliteBackend(Path.of(file), settings.sqliteSync());
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresBackend(url, settings.user(), settings.password());
        }
        throw new StoreException("unsupported store URL " + JdbcUrls.redact(url)
                + ": use jdbc:postgresql://host/database, or leave it unset for the embedded SQLite database");
    }

    private static void validate(ReflexConfig.StoreSettings settings) {
        if (settings.poolSize() < 1) {
            throw new StoreException("store.poolSize must be at least 1, got " + settings.poolSize());
        }
        if (settings.maxBatch() < 1) {
            throw new StoreException("store.maxBatch must be at least 1, got " + settings.maxBatch());
        }
        if (settings.sqliteSync() == null) {
            throw new StoreException("store.sqliteSync must be FULL or NORMAL, not null");
        }
        if (settings.commitWindow() == null || settings.commitWindow().isNegative()) {
            throw new StoreException("store.commitWindow must be zero or positive, got " + settings.commitWindow());
        }
    }
}
