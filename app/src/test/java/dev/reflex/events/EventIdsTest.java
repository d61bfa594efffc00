package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Event ids are random version-4 UUIDs, distinct across threads, repeatable from a seeded generator. */
class EventIdsTest {

    @Test
    void theDefaultIdsAreVersionFourUuidsDistinctAcrossThreads() throws Exception {
        Supplier<String> ids = EventIds.fast();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(ids.get());
                    }
                });
            }
        }
        assertThat(seen).hasSize(40_000);
        for (String id : seen.stream().limit(100).toList()) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    @Test
    void aSeededGeneratorGivesTheSameIdsAgain() {
        Supplier<String> first = EventIds.random(new SplittableRandom(42));
        Supplier<String> second = EventIds.random(new SplittableRandom(42));
        assertThat(first.get()).isEqualTo(second.get());
        assertThat(first.get()).isEqualTo(second.get()).isNotEqualTo(EventIds.random(new SplittableRandom(43)).get());
    }
}
