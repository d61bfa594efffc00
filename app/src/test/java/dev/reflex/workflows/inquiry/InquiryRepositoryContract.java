package dev.reflex.workflows.inquiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code inquiry} table against a real database; run on SQLite and PostgreSQL by the subclasses. */
abstract class InquiryRepositoryContract {

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    JdbcStore store;

    abstract ReflexConfig.StoreSettings settings();

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(settings(), dataDir, clock);
        store.start();
    }

    @AfterEach
    void close() throws Exception {
        store.stop();
    }

    Inquiry inquiry(String id, Instant expires) {
        return new Inquiry(id, "parent-1", Inquiry.PENDING, expires, Inquirer.DEFAULT_SCHEMA, List.of("admin"),
                List.of("alice"), "ops", 30, null, null);
    }

    @Test
    void inquiriesAreKeptFoundByStatusAndExpiryAndAnswered() {
        InquiryRepository repo = new InquiryRepository(store);
        Instant now = clock.instant();
        repo.save(inquiry("a", now.plus(Duration.ofMinutes(30))));
        repo.save(inquiry("b", now.plus(Duration.ofMinutes(10))));
        repo.save(inquiry("c", null));
        assertThat(repo.inStatus(Inquiry.PENDING)).extracting(Inquiry::id).containsExactly("a", "b", "c");
        assertThat(repo.expired(now.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(repo.expired(now.plus(Duration.ofMinutes(30)))).extracting(Inquiry::id).containsExactly("b", "a");

        Inquiry a = repo.find("a").orElseThrow();
        assertThat(a).isEqualTo(inquiry("a", now.plus(Duration.ofMinutes(30))));
        repo.save(a.ended("succeeded", Map.of("continue", true), "alice"));
        Inquiry answered = repo.find("a").orElseThrow();
        assertThat(answered.status()).isEqualTo("succeeded");
        assertThat(answered.response()).isEqualTo(Map.of("continue", true));
        assertThat(answered.respondedBy()).isEqualTo("alice");
        assertThat(answered.result()).containsEntry("response", Map.of("continue", true)).containsEntry("ttl", 30L);
        assertThat(repo.inStatus(Inquiry.PENDING)).extracting(Inquiry::id).containsExactly("b", "c");
        assertThat(repo.expired(now.plus(Duration.ofDays(1)))).extracting(Inquiry::id).containsExactly("b");
        assertThat(repo.find("nope")).isEmpty();
    }
}
