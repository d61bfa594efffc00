package dev.reflex.store;

import com.zaxxer.hikari.HikariConfig;
import dev.reflex.config.ReflexConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database: one file in WAL mode with {@code synchronous=FULL} by default, so a
 * committed transaction survives a crash or power loss; readers open the file read-only. With
 * {@code synchronous=NORMAL} (configured, never implied) a commit survives a crash of the process but
 * the last commits may be lost on a power loss or an OS crash.
 */
final class SqliteBackend implements Backend {

    /** How long a connection waits for a lock held by another connection before failing. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /**
     * The WAL size, in pages, past which a commit checkpoints it (SQLite's default is 1,000). The
     * writer runs the checkpoint inside that commit, so the writes queued meanwhile wait for it: at
     * 1,000 pages a checkpoint is about 4 MB copied and synced, and a larger WAL made the webhooks'
     * p99 worse still (30-34 ms at 64 connections with 10,000 pages against 20-22 ms). Smaller ones
     * come more often and hold the writer for less: 17-22 ms against 22-27 ms, alternating.
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 400;

    private final Path file;
    private final ReflexConfig.SqliteSync sync;

    SqliteBackend(Path file) {
        this(file, ReflexConfig.SqliteSync.FULL);
    }

    SqliteBackend(Path file, ReflexConfig.SqliteSync sync) {
        this.file = file.toAbsolutePath();
        this.sync = sync;
    }

    /** The database file. */
    Path file() {
        return file;
    }

    @Override
    public Store.Dialect dialect() {
        return Store.Dialect.SQLITE;
    }

    @Override
    public void prepare() throws IOException {
        Files.createDirectories(file.getParent());
    }

    @Override
    public DataSource writerSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(sync == ReflexConfig.SqliteSync.NORMAL
                ? SQLiteConfig.SynchronousMode.NORMAL : SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // Statement journals in memory: a batch run again after a failed write runs each write inside a
        // savepoint, so SQLite keeps the pages a statement changes to undo it alone. Past 64 KiB it
        // spilled them to a temporary file (created, written and unlinked per batch: more pwrite calls
        // than the WAL's). A batch holds at most max_batch writes, which bounds the memory.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // No write reads generated keys (every id is made by Reflex). With the driver's default, each
        // INSERT ran an extra "SELECT last_insert_rowid()" (compiled afresh each time) after it.
        config.setGetGeneratedKeys(false);
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WAL_AUTOCHECKPOINT_PAGES));
        return dataSource(config);
    }

    @Override
    public HikariDataSource openReaders(int poolSize) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("reflex-store-readers");
        pool.setDataSource(dataSource(config));
        pool.setMaximumPoolSize(poolSize);
        pool.setAutoCommit(true);
        // Hikari sets the flag on every new connection; it must agree with the open mode above.
        pool.setReadOnly(true);
        return new HikariDataSource(pool);
    }

    private SQLiteDataSource dataSource(SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    @Override
    public String toString() {
        return "sqlite " + file + " (WAL, synchronous=" + sync + ")";
    }
}
