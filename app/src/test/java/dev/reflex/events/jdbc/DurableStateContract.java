package dev.reflex.events.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ReflexConfig;
import dev.reflex.checks.Severity;
import dev.reflex.events.Aggregates;
import dev.reflex.events.EventEngine;
import dev.reflex.events.EventState;
import dev.reflex.events.InMemoryClientRegistry;
import dev.reflex.events.InMemoryEventState;
import dev.reflex.events.InMemorySilenceRegistry;
import dev.reflex.events.ResultKey;
import dev.reflex.events.SilenceEntry;
import dev.reflex.events.TtlMonitor;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable Sensu state must behave exactly as the in-memory reference and give it all back after
 * a restart. Each backend runs this contract through a subclass naming its database.
 */
abstract class DurableStateContract {

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    JdbcStore store;
    SensuTables tables;

    /** Settings that reach this test's own empty database; the same on every call within one test. */
    abstract ReflexConfig.StoreSettings settings();

    static final SensuSettings SETTINGS = settings("""
            {"checks": {"disk": {"command": "true", "interval": 10, "subscribers": ["all"], "aggregate": "fleet",
                                 "low_flap_threshold": 5, "high_flap_threshold": 20},
                        "load": {"command": "true", "interval": 10, "subscribers": ["all"], "ttl": 30}}}
            """);

    @BeforeEach
    void open() throws Exception {
        store = Stores.open(settings(), dataDir, clock);
        store.start();
        tables = SensuTables.load(store, clock);
    }

    @AfterEach
    void close() throws Exception {
        tables.close();
        store.stop();
    }

    void restart() throws Exception {
        tables.close();
        store.stop();
        open();
    }

    EventEngine durableEngine(Supplier<String> ids) {
        return EventEngine.builder(() -> SETTINGS).state(tables.events()).clients(tables.clients())
                .silences(tables.silences()).durability(tables.writes()).clock(clock).ids(ids).build();
    }

    static SensuSettings settings(String json) {
        var parsed = SettingsParser.parse(JsonValues.asMap(JsonValues.read(json)), "<test>");
        assertThat(parsed.problems()).isEmpty();
        return parsed.value();
    }

    static Supplier<String> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "id-" + n.incrementAndGet();
    }

    static CheckResult result(String client, String check, long status, long executed, Map<String, Object> extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", check);
        c.put("output", "status " + status);
        c.put("status", status);
        c.put("executed", executed);
        c.putAll(extra);
        return CheckResult.of(client, c);
    }

    /** A mixed sequence: two clients, flapping, aggregates, TTL, a metric check and a proxy client. */
    List<CheckResult> sequence() {
        List<CheckResult> out = new ArrayList<>();
        long t = 1_700_000_000L;
        for (int i = 0; i < 30; i++) {
            out.add(result("web-1", "disk", i % 2, t + i, Map.of()));
            out.add(result("web-2", "load", i < 10 ? 2 : 0, t + i, Map.of()));
            out.add(result("web-1", "cpu", i % 5 == 0 ? 1 : 0, t + i, Map.of("type", "metric")));
            out.add(result("web-1", "ping", 2, t + i, Map.of("source", "router-9")));
        }
        return out;
    }

    private static void run(EventEngine engine, List<CheckResult> results) throws Exception {
        for (CheckResult r : results) {
            engine.submit(r).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void behavesAsTheInMemoryReferenceAndGivesEverythingBackAfterARestart() throws Exception {
        InMemoryEventState refState = new InMemoryEventState();
        InMemoryClientRegistry refClients = new InMemoryClientRegistry();
        try (EventEngine reference = EventEngine.builder(() -> SETTINGS).state(refState).clients(refClients)
                .silences(new InMemorySilenceRegistry(clock)).clock(clock).ids(ids()).build();
             EventEngine durable = durableEngine(ids())) {
            Map<String, Object> agent = Map.of("name", "web-1", "subscriptions", List.of("all"), "timestamp", 1L);
            reference.keepalive(agent);
            durable.keepaliveDurably(agent).get(30, TimeUnit.SECONDS);
            run(reference, sequence());
            run(durable, sequence());
            // memory drops the latest results and events once their rows are committed: they are
            // then read from the tables
            await().atMost(30, TimeUnit.SECONDS).until(() -> tables.events().memory().results().isEmpty()
                    && tables.events().memory().events().isEmpty());
            assertSameState(refState, tables.events());
        }
        restart();
        assertSameState(refState, tables.events());
        assertThat(tables.clients().names()).isEqualTo(refClients.names());
        for (String name : refClients.names()) {
            assertThat(json(tables.clients().get(name))).isEqualTo(json(refClients.get(name)));
            assertThat(tables.clients().signature(name)).isEqualTo(refClients.signature(name));
        }
    }

    private static void assertSameState(EventState expected, EventState actual) {
        assertThat(actual.resultKeys()).isEqualTo(expected.resultKeys()).isNotEmpty();
        for (ResultKey k : expected.resultKeys()) {
            assertThat(actual.history(k)).as("history of %s", k).isEqualTo(expected.history(k));
            assertThat(json(actual.result(k))).as("result of %s", k).isEqualTo(json(expected.result(k)));
        }
        assertThat(actual.events().stream().map(e -> json(e.toSensuMap())).toList())
                .isEqualTo(expected.events().stream().map(e -> json(e.toSensuMap())).toList()).isNotEmpty();
        for (String client : List.of("web-1", "web-2", "router-9")) {
            assertThat(actual.events(client).stream().map(e -> json(e.toSensuMap())).toList()).as("events of %s", client)
                    .isEqualTo(expected.events(client).stream().map(e -> json(e.toSensuMap())).toList());
        }
        for (ResultKey k : expected.resultKeys()) {
            assertThat(actual.resultFacts(k).map(String::valueOf)).as("result facts of %s", k)
                    .isEqualTo(expected.resultFacts(k).map(String::valueOf));
            assertThat(actual.eventFacts(k).map(String::valueOf)).as("event facts of %s", k)
                    .isEqualTo(expected.eventFacts(k).map(String::valueOf));
        }
        assertThat(actual.ttlKeys()).isEqualTo(expected.ttlKeys()).isNotEmpty();
        assertThat(actual.aggregates()).isEqualTo(expected.aggregates()).contains("fleet");
        for (String a : expected.aggregates()) {
            assertThat(actual.aggregateMembers(a)).isEqualTo(expected.aggregateMembers(a));
        }
    }

    @Test
    void manyResultsAreListedWithOnePassOverTheTable() throws Exception {
        InMemoryEventState refState = new InMemoryEventState();
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(result("host-" + i, "disk", i % 3, 1_700_000_000L + i, Map.of("note", "n" + i)));
        }
        try (EventEngine reference = EventEngine.builder(() -> SETTINGS).state(refState).clock(clock).ids(ids()).build();
             EventEngine durable = durableEngine(ids())) {
            run(reference, results);
            run(durable, results);
            durable.submit(result("host-7", "disk", 2, 1_700_000_500L, Map.of("note", "last"))).get(30, TimeUnit.SECONDS);
            reference.submit(result("host-7", "disk", 2, 1_700_000_500L, Map.of("note", "last"))).get(30, TimeUnit.SECONDS);
            await().atMost(30, TimeUnit.SECONDS).until(() -> tables.events().memory().results().isEmpty());
            List<ResultKey> keys = tables.events().resultKeys();
            assertThat(keys).hasSize(100);
            Map<ResultKey, Map<String, Object>> listed = tables.events().results(keys);
            assertThat(listed.keySet()).containsExactlyElementsOf(keys);
            for (ResultKey k : keys) {
                assertThat(json(listed.get(k))).as("result of %s", k).isEqualTo(json(refState.result(k)));
            }
            assertThat(tables.events().results(keys.subList(0, 3)).keySet()).containsExactlyElementsOf(keys.subList(0, 3));
        }
    }

    @Test
    void theTtlSweepAndAggregatesReadCommittedResultsFromTheTable() throws Exception {
        InMemoryEventState refState = new InMemoryEventState();
        List<CheckResult> results = List.of(
                result("web-1", "load", 0, 1_700_000_000L, Map.of()),
                result("web-1", "disk", 2, 1_700_000_000L, Map.of()),
                result("web-2", "disk", 2, 1_700_000_000L, Map.of()),
                result("web-3", "disk", 0, 1_700_000_000L, Map.of()));
        try (EventEngine reference = EventEngine.builder(() -> SETTINGS).state(refState).clock(clock).ids(ids()).build();
             EventEngine durable = durableEngine(ids())) {
            run(reference, results);
            run(durable, results);
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> tables.events().memory().results().isEmpty());
        clock.advance(Duration.ofSeconds(31));
        var stale = new TtlMonitor(tables.events(), tables.clients(), clock).sweep();
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).check()).containsEntry("name", "load").containsEntry("command", "true")
                .containsEntry("output", "Last check execution was 31 seconds ago").containsEntry("status", 1L);
        assertThat(json(stale.stream().map(r -> List.of(r.client(), r.check())).toList())).isEqualTo(json(
                new TtlMonitor(refState, new InMemoryClientRegistry(), clock).sweep().stream()
                        .map(r -> List.of(r.client(), r.check())).toList()));
        long now = clock.instant().getEpochSecond();
        Aggregates durableAggregates = new Aggregates(tables.events());
        Aggregates referenceAggregates = new Aggregates(refState);
        assertThat(json(durableAggregates.summary("fleet", null, now).map(Aggregates.Summary::toSensuMap)))
                .isEqualTo(json(referenceAggregates.summary("fleet", null, now).map(Aggregates.Summary::toSensuMap)))
                .contains("\"ok\":1,").contains("\"critical\":2,");
        for (Severity severity : Severity.values()) {
            assertThat(json(durableAggregates.resultsBySeverity("fleet", severity, null, now)))
                    .isEqualTo(json(referenceAggregates.resultsBySeverity("fleet", severity, null, now)));
        }
        assertThat(json(durableAggregates.resultsBySeverity("fleet", Severity.CRITICAL, null, now)))
                .contains("web-1").contains("web-2").contains("status 2");
    }

    @Test
    void anEventKeepsItsIdAndOccurrencesAcrossARestart() throws Exception {
        try (EventEngine engine = durableEngine(ids())) {
            engine.submit(result("db-1", "disk", 2, 1, Map.of())).get(30, TimeUnit.SECONDS);
            engine.submit(result("db-1", "disk", 2, 2, Map.of())).get(30, TimeUnit.SECONDS);
        }
        restart();
        try (EventEngine engine = durableEngine(() -> "a-new-id")) {
            engine.submit(result("db-1", "disk", 2, 3, Map.of())).get(30, TimeUnit.SECONDS);
            var event = tables.events().event(new ResultKey("db-1", "disk")).orElseThrow();
            assertThat(event.id()).isEqualTo("id-1");
            assertThat(event.occurrences()).isEqualTo(3);
            assertThat(event.history()).containsExactly("2", "2", "2");
        }
    }

    @Test
    void anAcceptedResultIsCommittedWhenItsFutureCompletes() throws Exception {
        try (EventEngine engine = durableEngine(ids())) {
            engine.submit(result("db-2", "disk", 1, 1, Map.of())).get(30, TimeUnit.SECONDS);
            assertThat(rows("SELECT count(*) FROM sensu_results WHERE client = 'db-2'")).isEqualTo(1);
            assertThat(rows("SELECT count(*) FROM sensu_events WHERE client = 'db-2'")).isEqualTo(1);
            engine.submit(result("db-2", "disk", 0, 2, Map.of())).get(30, TimeUnit.SECONDS);
            assertThat(rows("SELECT count(*) FROM sensu_events WHERE client = 'db-2'")).isZero();
        }
    }

    @Test
    void deletionsAreKeptAcrossARestart() throws Exception {
        try (EventEngine engine = durableEngine(ids())) {
            engine.submit(result("db-3", "disk", 2, 1, Map.of())).get(30, TimeUnit.SECONDS);
            engine.durably(() -> {
                tables.events().deleteEvent(new ResultKey("db-3", "disk"));
                tables.events().deleteResult(new ResultKey("db-3", "disk"));
                tables.events().deleteAggregate("fleet");
                return tables.clients().delete("db-3");
            });
        }
        restart();
        assertThat(tables.events().events()).isEmpty();
        assertThat(tables.events().resultKeys()).isEmpty();
        assertThat(tables.events().aggregates()).isEmpty();
        assertThat(tables.clients().names()).isEmpty();
        assertThat(tables.clients().signature("db-3")).as("the signature stays, as in Sensu").contains("");
    }

    @Test
    void silencesSurviveARestartUntilTheyExpire() throws Exception {
        long now = clock.instant().getEpochSecond();
        try (EventEngine engine = durableEngine(ids())) {
            engine.durably(() -> {
                tables.silences().put(SilenceEntry.create("all", null, null, 60L, "maintenance", "ops", true, now));
                tables.silences().put(SilenceEntry.create(null, "disk", null, null, null, null, false, now));
                tables.silences().put(SilenceEntry.create("web", "load", null, null, null, null, false, now));
                return tables.silences().delete("web:load");
            });
        }
        restart();
        assertThat(tables.silences().list()).extracting(SilenceEntry::id).containsExactly("*:disk", "all:*");
        assertThat(tables.silences().get("all:*").orElseThrow().reason()).isEqualTo("maintenance");
        assertThat(tables.silences().get("all:*").orElseThrow().expireOnResolve()).isTrue();
        clock.advance(Duration.ofSeconds(61));
        restart();
        assertThat(tables.silences().list()).extracting(SilenceEntry::id).containsExactly("*:disk");
    }

    @Test
    void stashesSurviveARestartUntilTheyExpire() throws Exception {
        try (EventEngine engine = durableEngine(ids())) {
            engine.durably(() -> {
                tables.stashes().put("silence/db-1/disk", Map.of("reason", "maintenance", "big", new java.math.BigInteger(
                        "123456789012345678901234567890")), 60L);
                tables.stashes().put("forever", Map.of(), null);
                tables.stashes().put("gone", Map.of("x", 1L), null);
                return tables.stashes().delete("gone");
            });
        }
        restart();
        assertThat(tables.stashes().list()).extracting(DurableStashes.Stash::path).containsExactly("forever", "silence/db-1/disk");
        assertThat(tables.stashes().get("silence/db-1/disk").orElseThrow().content())
                .isEqualTo(Map.of("reason", "maintenance", "big", new java.math.BigInteger("123456789012345678901234567890")));
        assertThat(tables.stashes().get("forever").orElseThrow().ttl(tables.stashes().now())).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(61));
        restart();
        assertThat(tables.stashes().list()).extracting(DurableStashes.Stash::path).containsExactly("forever");
    }

    @Test
    void aLargeBatchIsCoalescedAndWrittenWithMultiRowUpserts() throws Exception {
        List<RowBatch.Change> changes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            changes.add(resultRow("c" + i, "first " + i));
        }
        for (int i = 0; i < 10; i++) {
            changes.add(resultRow("c" + i, "second " + i));
        }
        for (int i = 10; i < 20; i++) {
            changes.add(new RowBatch.Change(SensuTable.RESULTS, new Object[] {"c" + i, "disk"}, null));
        }
        RowBatch batch = RowBatch.of(changes);
        assertThat(batch.rows()).as("one change per row is left").isEqualTo(300);
        // 290 upserts: statements of 128, 128, 32 rows, then 2 one-row upserts; 10 deletes
        assertThat(store.write(batch::apply)).isEqualTo(300);
        assertThat(rows("SELECT count(*) FROM sensu_results")).isEqualTo(290);
        assertThat(body("c3")).isEqualTo("second 3");
        assertThat(body("c15")).isNull();
        assertThat(body("c299")).isEqualTo("first 299");

        // existing rows are updated in place by the multi-row statements (the conflict branch)
        List<RowBatch.Change> updates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            updates.add(resultRow("c" + i, "third " + i));
        }
        assertThat(store.write(RowBatch.of(updates)::apply)).isEqualTo(300);
        assertThat(rows("SELECT count(*) FROM sensu_results")).isEqualTo(300);
        assertThat(body("c0")).isEqualTo("third 0");
        assertThat(body("c15")).isEqualTo("third 15");
        assertThat(body("c299")).isEqualTo("third 299");
    }

    private static RowBatch.Change resultRow(String client, String body) {
        return new RowBatch.Change(SensuTable.RESULTS, new Object[] {client, "disk"}, new Object[] {body});
    }

    private String body(String client) throws Exception {
        try (Connection c = store.readers().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT body FROM sensu_results WHERE client = ? AND check_name = 'disk'")) {
            ps.setString(1, client);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** JSON text, so that values compare as JSON does (an int and a long of the same value are equal). */
    static String json(Object value) {
        return JsonValues.write(value instanceof java.util.Optional<?> o ? o.orElse(null) : value);
    }

    long rows(String sql) throws Exception {
        try (Connection c = store.readers().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
