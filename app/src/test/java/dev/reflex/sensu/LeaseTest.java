package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly one node holds the scheduler lease; another takes it over only once it expired. */
class LeaseTest {

    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeAndTakeoverAfterExpiry() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        JdbcStore store = Stores.open(ReflexConfig.StoreSettings.defaults(), dir, clock);
        store.start();
        try {
            Lease a = new Lease(store, "sensu-scheduler", "node-a", Duration.ofSeconds(30), clock);
            Lease b = new Lease(store, "sensu-scheduler", "node-b", Duration.ofSeconds(30), clock);
            assertThat(a.acquire()).isTrue();
            assertThat(b.acquire()).isFalse();
            clock.advance(Duration.ofSeconds(20));
            assertThat(a.acquire()).as("renewal").isTrue();
            clock.advance(Duration.ofSeconds(29));
            assertThat(b.acquire()).as("renewed 29 s ago").isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(b.acquire()).as("expired").isTrue();
            assertThat(a.acquire()).isFalse();
            b.release();
            assertThat(a.acquire()).isTrue();
        } finally {
            store.stop();
        }
    }
}
