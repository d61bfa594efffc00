package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract against PostgreSQL, each test in a schema of its own on the shared test server
 * ({@link PostgresTestServer}), plus what is particular to PostgreSQL.
 */
class PostgresStoreTest extends StoreContractTest {

    private final PostgresTestServer.LazySchema schema = new PostgresTestServer.LazySchema(getClass().getSimpleName());

    @Override
    ReflexConfig.StoreSettings settings() {
        return schema.settings();
    }

    @Override
    Store.Dialect expectedDialect() {
        return Store.Dialect.POSTGRESQL;
    }

    @Test
    void tablesLiveInTheTestsOwnSchema() throws SQLException {
        try (Connection c = store.readers().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT n.nspname FROM pg_class t "
                     + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = 'kv_pair'::regclass")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(schema.database().schema());
        }
    }

    @Test
    void theDatabasePasswordReachesNeitherLogsNorMessages() throws Exception {
        String password = "pw-Zq81-never-shown";
        ReflexConfig.StoreSettings base = settings();
        ReflexConfig.StoreSettings withPassword = base.withUrl(base.url() + "&password=" + password, base.user(),
                password);
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            store.stop();
            store = started(withPassword);
            store.check();
            seen.add(store.toString());
            seen.addAll(logs.messages());
            assertThat(logs.messages()).as("the capture works").anyMatch(m -> m.contains("store started"));
        }
        assertThat(seen).noneMatch(text -> text.contains(password));
    }

    @Test
    void readerConnectionsRefuseWrites() {
        assertThatThrownBy(() -> {
            try (Connection c = store.readers().getConnection()) {
                insert(c, "via-reader", "x");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("read-only");
    }
}
