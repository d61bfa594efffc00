package dev.reflex.rules.service;

import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.testkit.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;

/** The trigger and rule store contract on PostgreSQL; the timers test uses two stores (two nodes) on one schema. */
class PostgresTriggerStoreTest extends TriggerStoreContract {

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

    @Override
    JdbcStore sharedOrSecond() throws Exception {
        return open(dataDir.resolve("second-node"));
    }
}
