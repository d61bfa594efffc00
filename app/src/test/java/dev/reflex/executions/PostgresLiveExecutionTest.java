package dev.reflex.executions;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;

/** {@link LiveExecutionTest} against PostgreSQL, in a schema of its own on the shared test server. */
class PostgresLiveExecutionTest extends LiveExecutionTest {

    private final PostgresTestServer.LazySchema schema = new PostgresTestServer.LazySchema(getClass().getSimpleName());

    @Override
    ReflexConfig.StoreSettings settings() {
        return schema.settings();
    }
}
