package dev.reflex.workflows.inquiry;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.PostgresTestServer;
import org.junit.jupiter.api.BeforeAll;

/** The inquiry table on PostgreSQL. */
class PostgresInquiryRepositoryTest extends InquiryRepositoryContract {

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
