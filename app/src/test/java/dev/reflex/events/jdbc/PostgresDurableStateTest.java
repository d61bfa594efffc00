package dev.reflex.events.jdbc;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;

/** The durable Sensu state contract on PostgreSQL, each test in a schema of its own. */
class PostgresDurableStateTest extends DurableStateContract {

    private final PostgresTestServer.LazySchema schema = new PostgresTestServer.LazySchema(getClass().getSimpleName());

    @Override
    ReflexConfig.StoreSettings settings() {
        return schema.settings();
    }
}
