package dev.reflex.executions;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;

/** {@link LiveExecutionTest} against PostgreSQL, in a schema of its own on the shared test server. */
class PostgresLiveExecutionTest extends LiveExecutionTest {

    private PostgresTestServer.Database database;

    @BeforeAll
    static void requirePostgres() {
        PostgresTestServer.require();
    }

    @Override
    ReflexConfig.StoreSettings settings() {
        if (database == null) {
            database = PostgresTestServer.freshSchema(getClass().getSimpleName());
        }
        return ReflexConfig.StoreSettings.defaults().withUrl(database.url(), database.user(), database.password());
    }
}
