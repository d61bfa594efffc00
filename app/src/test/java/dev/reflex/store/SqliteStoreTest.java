package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ReflexConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The store contract against the embedded SQLite database, plus what is particular to SQLite. */
class SqliteStoreTest extends StoreContractTest {

    @Override
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.StoreSettings.defaults();
    }

    @Override
    Store.Dialect expectedDialect() {
        return Store.Dialect.SQLITE;
    }

    @Test
    void theDatabaseIsOneFileInTheDataDirectoryInWalModeWithFullSync() {
        assertThat(dataDir.resolve(Stores.SQLITE_FILE)).isRegularFile();
        assertThat(store.<String>write(c -> pragma(c, "journal_mode"))).isEqualTo("wal");
        assertThat(store.<String>write(c -> pragma(c, "synchronous"))).as("FULL").isEqualTo("2");
        assertThat(store.<String>write(c -> pragma(c, "foreign_keys"))).isEqualTo("1");
        assertThat(store.<String>write(c -> pragma(c, "busy_timeout"))).isEqualTo(String.valueOf(SqliteBackend.BUSY_TIMEOUT_MILLIS));
        // statement journals (a write's savepoint) stay in memory instead of a temporary file per batch
        assertThat(store.<String>write(c -> pragma(c, "temp_store"))).as("MEMORY").isEqualTo("2");
        // shorter checkpoints inside the writer's commits than SQLite's default 1,000 pages
        assertThat(store.<String>write(c -> pragma(c, "wal_autocheckpoint")))
                .isEqualTo(String.valueOf(SqliteBackend.WAL_AUTOCHECKPOINT_PAGES)).isNotEqualTo("1000");
        // no hidden "SELECT last_insert_rowid()" after every INSERT, and statements kept between writes
        assertThat(store.<Boolean>write(c -> c.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig()
                .isGetGeneratedKeys())).isFalse();
        assertThat(store.<Boolean>write(c -> StatementCache.of(c) != null)).isTrue();
    }

    @Test
    void normalSyncIsOnlyUsedWhenConfiguredAndStillCommitsDurablyForReaders() throws Exception {
        JdbcStore other = Stores.open(settings().withSqliteSync(ReflexConfig.SqliteSync.NORMAL),
                dataDir.resolve("normal"), clock);
        other.start();
        try {
            assertThat(other.<String>write(c -> pragma(c, "synchronous"))).as("NORMAL").isEqualTo("1");
            assertThat(other.<String>write(c -> pragma(c, "journal_mode"))).isEqualTo("wal");
            other.keyValues().put("x", "1", false, null);
            other.check();
            assertThat(other.toString()).contains("synchronous=NORMAL");
        } finally {
            other.stop();
        }
    }

    @Test
    void aMissingDataDirectoryIsCreated() throws Exception {
        Path nested = dataDir.resolve("a/b/data");
        JdbcStore other = Stores.open(settings(), nested, clock);
        other.start();
        try {
            other.keyValues().put("x", "1", false, null);
            assertThat(nested.resolve(Stores.SQLITE_FILE)).isRegularFile();
        } finally {
            other.stop();
        }
    }

    @Test
    void anExplicitSqliteUrlNamesTheFile() throws Exception {
        Path file = dataDir.resolve("elsewhere/state.db");
        JdbcStore other = Stores.open(settings().withUrl("jdbc:sqlite:" + file, null, null), dataDir, clock);
        other.start();
        try {
            other.check();
            assertThat(file).isRegularFile();
        } finally {
            other.stop();
        }
    }

    @Test
    void readerConnectionsAreReadOnly() {
        assertThatThrownBy(() -> {
            try (Connection c = store.readers().getConnection()) {
                insert(c, "via-reader", "x");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("readonly");
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
