package dev.reflex.events.jdbc;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;

/** The durable Sensu state contract on PostgreSQL, each test in a schema of its own. */
class PostgresDurableStateTest extends DurableStateContract {

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
