package dev.reflex.store;

import dev.reflex.config.JdbcUrls;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server: the writer holds one connection of its own, readers share a HikariCP pool.
 * The password is handed to the driver and never appears in {@link #toString()}.
 */
final class PostgresBackend implements Backend {

    private final String url;
    private final String user;
    private final String password;

    PostgresBackend(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Store.Dialect dialect() {
        return Store.Dialect.POSTGRESQL;
    }

    @Override
    public void prepare() {
        // Nothing to create: the database exists on the server.
    }

    @Override
    public DataSource writerSource() {
        return dataSource("reflex-writer");
    }

    @Override
    public HikariDataSource openReaders(int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("reflex-store-readers");
        pool.setDataSource(dataSource("reflex-reader"));
        pool.setMaximumPoolSize(poolSize);
        pool.setAutoCommit(true);
        pool.setReadOnly(true);
        return new HikariDataSource(pool);
    }

    private PGSimpleDataSource dataSource(String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        // Enforce read-only for readers even outside explicit transactions; the writer never sets it.
        source.setReadOnlyMode("always");
        source.setUrl(url);
        if (user != null) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(password);
        }
        source.setApplicationName(applicationName);
        return source;
    }

    @Override
    public String toString() {
        return "postgresql " + JdbcUrls.redact(url);
    }
}
