package dev.reflex.rules.service;

import dev.reflex.config.ReflexConfig;

/** The trigger and rule store contract on the embedded SQLite database. */
class SqliteTriggerStoreTest extends TriggerStoreContract {

    @Override
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.StoreSettings.defaults();
    }
}
