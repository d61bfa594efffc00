package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.SensuSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Per-pair ordering with parallelism across pairs, and the engine's wiring. */
class EventEngineTest {

    @Test
    void tasksForOneKeyRunInOrderAndDifferentKeysOverlap() throws Exception {
        try (KeyedExecutor executor = new KeyedExecutor()) {
            Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
            CountDownLatch bothStarted = new CountDownLatch(2);
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String key = "pair-" + (i % 4);
                int n = i;
                futures.add(executor.submit(key, () -> {
                    seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(n);
                    return n;
                }));
            }
            // two keys whose first tasks wait for each other can only finish if they run in parallel
            futures.add(executor.submit("x", () -> await(bothStarted)));
            futures.add(executor.submit("y", () -> await(bothStarted)));
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int k = 0; k < 4; k++) {
                List<Integer> order = seen.get("pair-" + k);
                assertThat(order).hasSize(50).isSorted();
            }
            assertThat(executor.pendingKeys()).isZero();
        }
    }

    private static int await(CountDownLatch latch) {
        latch.countDown();
        try {
            return latch.await(30, TimeUnit.SECONDS) ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Test
    void aFailingTaskDoesNotBlockTheNextOneForItsKey() throws Exception {
        try (KeyedExecutor executor = new KeyedExecutor()) {
            CompletableFuture<Object> failed = executor.submit("k", () -> {
                throw new IllegalStateException("boom");
            });
            CompletableFuture<String> next = executor.submit("k", () -> "ran");
            assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThat(failed).isCompletedExceptionally();
        }
    }

    @Test
    void engineProcessesResultsInOrderPerPairAndDeliversToTheReflexSink() throws Exception {
        List<Map<String, Object>> sink = new CopyOnWriteArrayList<>();
        TestClock clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        try (EventEngine engine = EventEngine.builder(SensuSettings::empty).clock(clock).ids(Fixtures.ids())
                .reflexSink(sink::add).build()) {
            List<CompletableFuture<ProcessResult>> all = new ArrayList<>();
            for (int client = 0; client < 5; client++) {
                for (long status : new long[] {2, 2, 2, 0}) {
                    all.add(engine.submit(CheckResult.of("c" + client, Fixtures.check(status))));
                }
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            for (int client = 0; client < 5; client++) {
                String name = "c" + client;
                List<Object> seq = sink.stream().filter(e -> name.equals(((Map<?, ?>) e.get("client")).get("name")))
                        .map(e -> e.get("action") + "/" + e.get("occurrences")).map(Object.class::cast).toList();
                assertThat(seq).containsExactly("create/1", "create/2", "create/3", "resolve/3");
            }
            assertThat(engine.processor().state().events()).isEmpty();
            assertThat(EventEngine.keyOf(CheckResult.of("poller", Map.of("name", "x", "source", "switch"))))
                    .isEqualTo(new ResultKey("switch", "x"));
        }
    }

    @Test
    void sweepsGoThroughTheSamePath() throws Exception {
        TestClock clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        try (EventEngine engine = EventEngine.builder(SensuSettings::empty).clock(clock).ids(Fixtures.ids()).build()) {
            Map<String, Object> client = Fixtures.client();
            client.put("timestamp", clock.epochSecond());
            assertThat(engine.keepalive(client)).isTrue();
            Map<String, Object> check = Fixtures.check(0);
            check.put("ttl", 60L);
            check.put("executed", clock.epochSecond());
            engine.submit(Fixtures.result(check)).get(30, TimeUnit.SECONDS);
            clock.advanceSeconds(130);
            for (CompletableFuture<ProcessResult> f : engine.sweepKeepalives()) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(engine.sweepTtl()).as("a keepalive event suppresses TTL events").isEmpty();
            Event keepalive = engine.processor().state().event(new ResultKey("i-424242", "keepalive")).orElseThrow();
            assertThat(keepalive.check().get("output")).isEqualTo("No keepalive sent from client for 130 seconds (>=120)");
        }
    }
}
