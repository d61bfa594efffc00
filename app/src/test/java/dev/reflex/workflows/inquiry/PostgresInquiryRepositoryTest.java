package dev.reflex.workflows.inquiry;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;

/** The inquiry table on PostgreSQL. */
class PostgresInquiryRepositoryTest extends InquiryRepositoryContract {

    private final PostgresTestServer.LazySchema schema = new PostgresTestServer.LazySchema(getClass().getSimpleName());

    @Override
    ReflexConfig.StoreSettings settings() {
        return schema.settings();
    }
}
