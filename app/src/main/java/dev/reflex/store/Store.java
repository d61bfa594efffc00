package dev.reflex.store;

import dev.reflex.app.Service;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * Reflex's state store over JDBC: the embedded SQLite database (WAL, one group-committing writer,
 * pooled readers) or a PostgreSQL server, with migrations applied at start.
 *
 * <p>Every write goes through {@link #write(Write)}: concurrent writes are gathered into one
 * transaction (group commit) so that durability does not cost throughput. A write that fails is
 * rolled back alone; the others in its batch still commit.
 */
public interface Store extends Service {

    /** The SQL dialect in use, for the few statements that differ. */
    Dialect dialect();

    /** Pooled connections for reads. Callers close what they borrow. */
    DataSource readers();

    /**
     * Runs {@code write} inside a transaction shared with other concurrent writes and returns its
     * result once that transaction has committed durably.
     *
     * @throws StoreException if the write or its commit failed
     */
    <T> T write(Write<T> write);

    /** As {@link #write(Write)}, without blocking the caller; the future completes after the commit. */
    <T> CompletableFuture<T> writeAsync(Write<T> write);

    /** The key-value datastore kept in this store. */
    KeyValueStore keyValues();

    /**
     * Proves the store works now: a real write and read round trip through the writer.
     *
     * @throws StoreException when it does not
     */
    void check();

    /** The SQL dialects Reflex speaks. */
    enum Dialect { SQLITE, POSTGRESQL }

    /**
     * One unit of work run on the writer's connection inside the shared transaction.
     *
     * <p>A write may be applied more than once: when another write of its batch fails, the batch's
     * transaction is rolled back and every write in it runs again. Only the run that commits counts,
     * so a write must act on the connection alone (or do only what is harmless to repeat) and make
     * what it returns from the database and its own captured values.
     *
     * @param <T> what it returns to the caller after the commit
     */
    @FunctionalInterface
    interface Write<T> {
        T apply(Connection connection) throws SQLException;
    }
}
