package dev.reflex.rules.service;

import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.testkit.PostgresTestServer;

/** The trigger and rule store contract on PostgreSQL; the timers test uses two stores (two nodes) on one schema. */
class PostgresTriggerStoreTest extends TriggerStoreContract {

    private final PostgresTestServer.LazySchema schema = new PostgresTestServer.LazySchema(getClass().getSimpleName());

    @Override
    ReflexConfig.StoreSettings settings() {
        return schema.settings();
    }

    @Override
    JdbcStore sharedOrSecond() throws Exception {
        return open(dataDir.resolve("second-node"));
    }
}
