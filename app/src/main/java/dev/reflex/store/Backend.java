package dev.reflex.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;

/**
 * Where a {@link JdbcStore} keeps its data: the dialect, how to open the writer's connection, how to
 * pool the readers and which migrations apply. Its {@code toString} is safe to log.
 */
sealed interface Backend permits SqliteBackend, PostgresBackend {

    /** The SQL dialect. */
    Store.Dialect dialect();

    /** Creates what must exist before the first connection (the SQLite file's directory). */
    void prepare() throws IOException;

    /** An unpooled source of read-write connections, used by migrations and by the writer. */
    DataSource writerSource();

    /** A new pool of connections for reads. */
    HikariDataSource openReaders(int poolSize);

    /** The Flyway location of this dialect's migrations. */
    default String migrationLocation() {
        return switch (dialect()) {
            case SQLITE -> "classpath:db/migration/sqlite";
            case POSTGRESQL -> "classpath:db/migration/postgresql";
        };
    }
}
