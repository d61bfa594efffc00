package dev.reflex.workflows.inquiry;

import dev.reflex.config.ReflexConfig;

/** The inquiry table on the embedded SQLite database. */
class SqliteInquiryRepositoryTest extends InquiryRepositoryContract {

    @Override
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.StoreSettings.defaults();
    }
}
