package dev.reflex.events.jdbc;

import dev.reflex.config.ReflexConfig;

/** The durable Sensu state contract on the embedded SQLite database. */
class SqliteDurableStateTest extends DurableStateContract {

    @Override
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.StoreSettings.defaults();
    }
}
