package dev.reflex.rules.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.bus.InProcessBus;
import dev.reflex.config.ReflexConfig;
import dev.reflex.rules.ExecutionRequest;
import dev.reflex.rules.RuleEnforcement;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.RuleEnforcer;
import dev.reflex.rules.ParameterCaster;
import dev.reflex.rules.RuleParser;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.RuleRepository;
import dev.reflex.rules.store.StoredEnforcement;
import dev.reflex.rules.store.StoredRule;
import dev.reflex.packs.PackSet;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.MutableClock;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.store.Ids;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceQuery;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import dev.reflex.triggers.store.TriggerTypeRepository;
import dev.reflex.triggers.timers.Lease;
import dev.reflex.triggers.timers.TimerService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger and rule repositories, the lease and the timers against a real database; run on
 * SQLite and PostgreSQL by the subclasses.
 */
abstract class TriggerStoreContract {

    static final TemplateEngine TEMPLATES = new TemplateEngine();

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    final List<JdbcStore> stores = new ArrayList<>();
    JdbcStore store;

    abstract ReflexConfig.StoreSettings settings();

    @BeforeEach
    void open() throws Exception {
        store = open(dataDir);
    }

    JdbcStore open(Path dir) throws Exception {
        JdbcStore s = Stores.open(settings(), dir, clock);
        s.start();
        stores.add(s);
        return s;
    }

    @AfterEach
    void close() throws Exception {
        for (JdbcStore s : stores) {
            s.stop();
        }
    }

    static TriggerInstance instance(String id, String type, Map<String, Object> payload, Instant at) {
        return TriggerInstance.pending(id, Trigger.of(type, Map.of()), payload, at);
    }

    @Test
    void triggerInstancesAreStoredListedWithFiltersAndMovedAlong() {
        TriggerInstanceRepository repo = new TriggerInstanceRepository(store);
        Instant t0 = clock.instant();
        for (int i = 0; i < 5; i++) {
            repo.insert(new StoredTriggerInstance(instance("ti-" + i, i % 2 == 0 ? "sensu.event_handler" : "core.st2.webhook",
                    Map.of("n", (long) i, "nested", Map.of("list", List.of(1L, "two", true))), t0.plusSeconds(i)), "tag-" + i));
        }
        StoredTriggerInstance got = repo.get("ti-2").orElseThrow();
        assertThat(got.instance().payload()).isEqualTo(Map.of("n", 2L, "nested", Map.of("list", List.of(1L, "two", true))));
        assertThat(got.traceTag()).isEqualTo("tag-2");
        assertThat(got.instance().occurrenceTime()).isEqualTo(t0.plusSeconds(2));
        assertThat(repo.list(TriggerInstanceQuery.latest(10))).extracting(StoredTriggerInstance::id)
                .containsExactly("ti-4", "ti-3", "ti-2", "ti-1", "ti-0");
        assertThat(repo.list(new TriggerInstanceQuery("sensu.event_handler", null, t0.plusSeconds(1), null, 10, 0)))
                .extracting(StoredTriggerInstance::id).containsExactly("ti-4", "ti-2");
        assertThat(repo.list(new TriggerInstanceQuery(null, null, null, null, 2, 1))).extracting(StoredTriggerInstance::id)
                .containsExactly("ti-3", "ti-2");
        repo.markAsync("ti-0", TriggerInstanceStatus.PROCESSED).join();
        repo.markAsync("ti-1", TriggerInstanceStatus.PROCESSING).join();
        assertThat(repo.list(new TriggerInstanceQuery(null, TriggerInstanceStatus.PROCESSED, null, null, 10, 0)))
                .extracting(StoredTriggerInstance::id).containsExactly("ti-0");
        assertThat(repo.unfinished()).extracting(StoredTriggerInstance::id).containsExactly("ti-1", "ti-2", "ti-3", "ti-4");
        if (store.dialect() == dev.reflex.store.Store.Dialect.SQLITE) {
            // the listing by trigger (ref or type) walks the time index newest first: no index on the
            // ref alone could serve it (V43 dropped the one there was), and no sort of the table
            assertThat(plan("SELECT id FROM trigger_instance WHERE 1 = 1 AND (trigger_ref = 'x' OR trigger_type = 'x') "
                    + "ORDER BY occurrence_time DESC, seq DESC LIMIT 10 OFFSET 0"))
                    .contains("USING INDEX trigger_instance_time").doesNotContain("TEMP B-TREE");
        }
    }

    /** SQLite's query plan of a statement, its lines joined. */
    String plan(String sql) {
        try (java.sql.Connection c = store.readers().getConnection();
             java.sql.ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(4)).append('\n');
            }
            return out.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rulesAndEnforcementsRoundTrip() {
        RuleParser parser = new RuleParser(TEMPLATES, null);
        RuleRepository rules = new RuleRepository(store, parser);
        dev.reflex.rules.Rule r = dev.reflex.rules.store.RuleDocuments.fromJson("""
                {"name": "r1", "pack": "p", "enabled": true, "trigger": {"type": "sensu.event_handler"},
                 "criteria": {"trigger.check.name": {"type": "equals", "pattern": "check_load"}},
                 "action": {"ref": "linux.diag_loadavg", "parameters": {"hostname": "{{trigger.client.name}}"}},
                 "tags": [{"name": "team", "value": "ops"}]}""", parser).withId("id-1");
        rules.put(new StoredRule(r, StoredRule.API, null, clock.instant()));
        assertThat(dev.reflex.rules.store.RuleDocuments.toMap(rules.get("p.r1").orElseThrow().rule()))
                .isEqualTo(dev.reflex.rules.store.RuleDocuments.toMap(r));
        rules.put(new StoredRule(r.withEnabled(false), StoredRule.PACK, "rules/r1.yaml", clock.instant()));
        assertThat(rules.list()).singleElement().satisfies(s -> {
            assertThat(s.rule().enabled()).isFalse();
            assertThat(s.sourceFile()).isEqualTo("rules/r1.yaml");
        });

        EnforcementRepository enforcements = new EnforcementRepository(store);
        ExecutionRequest req = new ExecutionRequest("p.r1", "linux.diag_loadavg", Map.of("hostname", "client-01"), "ti-1",
                Map.of("user", "stanley"));
        store.write(c -> {
            EnforcementRepository.insert(c, new RuleEnforcement("e1", "ti-1", "p.r1", r.uid(), "id-1", r, null,
                    RuleEnforcement.Status.SUCCEEDED, null, clock.instant()), req);
            EnforcementRepository.insert(c, new RuleEnforcement("e2", "ti-2", "p.r1", r.uid(), "id-1", r, "ex-9",
                    RuleEnforcement.Status.FAILED, "boom", clock.instant().plusSeconds(1)), null);
            return null;
        });
        StoredEnforcement e1 = enforcements.get("e1").orElseThrow();
        assertThat(e1.executionRequest()).containsEntry("parameters", Map.of("hostname", "client-01"));
        assertThat(e1.rule()).containsEntry("ref", "p.r1");
        assertThat(enforcements.list(new EnforcementQuery("p.r1", null, null, RuleEnforcement.Status.FAILED, null, null, 10, 0)))
                .extracting(StoredEnforcement::id).containsExactly("e2");
        assertThat(enforcements.list(new EnforcementQuery(null, null, "ex-9", null, null, null, 10, 0))).hasSize(1);
        assertThat(enforcements.list(EnforcementQuery.forInstance("ti-1"))).extracting(StoredEnforcement::id)
                .containsExactly("e1");
        assertThat(rules.delete("p.r1")).isTrue();
        assertThat(rules.list()).isEmpty();
    }

    @Test
    void enforcementsByRuleAreListedNewestFirstWhetherTheIndexHasCaughtUpOrNot() throws Exception {
        RuleParser parser = new RuleParser(TEMPLATES, null);
        dev.reflex.rules.Rule a = dev.reflex.rules.store.RuleDocuments.fromJson("""
                {"name": "a", "pack": "p", "enabled": true, "trigger": {"type": "sensu.event_handler"},
                 "action": {"ref": "core.noop"}}""", parser).withId("id-a");
        dev.reflex.rules.Rule b = dev.reflex.rules.store.RuleDocuments.fromJson("""
                {"name": "b", "pack": "p", "enabled": true, "trigger": {"type": "sensu.event_handler"},
                 "action": {"ref": "core.noop"}}""", parser).withId("id-b");
        EnforcementRepository enforcements = new EnforcementRepository(store);
        dev.reflex.rules.store.EnforcementIndexer indexer = new dev.reflex.rules.store.EnforcementIndexer(store,
                Duration.ofSeconds(1));
        boolean sqlite = store.dialect() == dev.reflex.store.Store.Dialect.SQLITE;
        List<String> expectedA = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < 3; round++) {
            // ten enforcements per round, alternating rules, every third one failed, one second apart
            for (int i = 0; i < 10; i++, n++) {
                dev.reflex.rules.Rule r = i % 2 == 0 ? a : b;
                String id = "enf-" + String.format("%02d", n);
                RuleEnforcement.Status status = n % 3 == 0 ? RuleEnforcement.Status.FAILED : RuleEnforcement.Status.SUCCEEDED;
                java.time.Instant at = clock.instant().plusSeconds(n);
                store.write(c -> {
                    EnforcementRepository.insert(c, new RuleEnforcement(id, "ti-" + id, r.ref(), r.uid(), r.id(), r, null,
                            status, null, at), null);
                    return null;
                });
                if (r == a) {
                    expectedA.addFirst(id);
                }
            }
            if (sqlite && round == 0) {
                assertThat(indexer.catchUp().get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(10);
                assertThat(indexer.catchUp().get(20, java.util.concurrent.TimeUnit.SECONDS)).as("nothing new").isZero();
            }
            // round 0: indexed; round 1: not yet (read from the table); round 2: indexed at the end
            assertThat(enforcements.list(new EnforcementQuery("p.a", null, null, null, null, null, 100, 0)))
                    .extracting(StoredEnforcement::id).containsExactlyElementsOf(expectedA);
        }
        // pages across the mark, filters on both sides of it
        assertThat(enforcements.list(new EnforcementQuery("p.a", null, null, null, null, null, 4, 6)))
                .extracting(StoredEnforcement::id).containsExactlyElementsOf(expectedA.subList(6, 10));
        assertThat(enforcements.list(new EnforcementQuery("p.a", null, null, RuleEnforcement.Status.FAILED, null, null,
                100, 0))).extracting(StoredEnforcement::id).containsExactly("enf-24", "enf-18", "enf-12", "enf-06", "enf-00");
        assertThat(enforcements.list(new EnforcementQuery("p.b", null, null, null, clock.instant().plusSeconds(7),
                clock.instant().plusSeconds(13), 100, 0))).extracting(StoredEnforcement::id)
                .containsExactly("enf-13", "enf-11", "enf-09", "enf-07");
        if (sqlite) {
            assertThat(indexer.catchUp().get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(20);
        }
        assertThat(enforcements.list(new EnforcementQuery("p.a", null, null, null, null, null, 100, 0)))
                .extracting(StoredEnforcement::id).containsExactlyElementsOf(expectedA);
        assertThat(enforcements.list(new EnforcementQuery("p.a", null, null, null, null, null, 4, 6)))
                .extracting(StoredEnforcement::id).containsExactlyElementsOf(expectedA.subList(6, 10));
        assertThat(enforcements.list(new EnforcementQuery("p.b", "ti-enf-03", null, null, null, null, 100, 0)))
                .extracting(StoredEnforcement::id).containsExactly("enf-03");
        assertThat(enforcements.list(new EnforcementQuery("p.none", null, null, null, null, null, 100, 0))).isEmpty();
    }

    @Test
    void instancesLeftUnfinishedByACrashAreDispatchedAgainAtTheNextStart() throws Exception {
        TriggerInstanceRepository repo = new TriggerInstanceRepository(store);
        repo.insert(new StoredTriggerInstance(instance("left-pending", "sensu.event_handler",
                Map.of("check", Map.of("name", "check_load"), "client", Map.of("name", "c1")), clock.instant()), null));
        try (Pipeline p = new Pipeline(RulesDispatcher.DEFAULT_WORKERS, false)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(repo.get("left-pending").orElseThrow().instance().status())
                            .isEqualTo(TriggerInstanceStatus.PROCESSED));
            assertThat(p.enforcements.list(EnforcementQuery.forInstance("left-pending"))).singleElement()
                    .satisfies(e -> assertThat(e.executionRequest().get("parameters")).isEqualTo(Map.of("h", "c1")));
        }
    }

    @Test
    void anInstanceNoEnabledRuleListensToIsStoredProcessedInOneWriteAndNotDispatched() throws Exception {
        try (Pipeline p = new Pipeline(RulesDispatcher.DEFAULT_WORKERS, true)) {
            p.service.create(dev.reflex.rules.store.RuleDocuments.fromJson("""
                    {"name": "off", "enabled": false, "trigger": {"type": "core.st2.generic.actiontrigger"},
                     "action": {"ref": "x.y"}}""", p.parser));
            TriggerInstanceRepository repo = p.repo;
            DurableTriggerEmitter emitter = p.emitter;
            RulesDispatcher dispatcher = p.dispatcher;
            EnforcementRepository enforcements = p.enforcements;
            long writesBefore = store.stats().writes();
            Map<String, Object> completion = Map.of("execution_id", "e1", "status", "succeeded", "action_ref", "core.noop");
            // only a disabled rule listens to actiontriggers: stored processed at once, in one write, never dispatched
            TriggerInstance quiet = emitter.emit("core.st2.generic.actiontrigger", completion, null);
            assertThat(quiet.status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
            TriggerInstance quietLater = emitter.emitAsync("core.st2.generic.actiontrigger", completion, "tag-1")
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(repo.get(quiet.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
            assertThat(repo.get(quietLater.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
            assertThat(repo.get(quietLater.id()).orElseThrow().traceTag()).isEqualTo("tag-1");
            assertThat(store.stats().writes() - writesBefore).as("one insert each, no outcome write").isEqualTo(2L);
            // an enabled rule listens to sensu.event_handler: matched and enforced before the insert, in the same write
            long writesBeforeHeard = store.stats().writes();
            TriggerInstance heard = emitter.emitAsync("sensu.event_handler", Map.of("check", Map.of("name", "c"),
                    "client", Map.of("name", "h1")), null).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(heard.status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
            assertThat(repo.get(heard.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
            assertThat(enforcements.list(EnforcementQuery.forInstance(heard.id()))).singleElement();
            assertThat(store.stats().writes() - writesBeforeHeard).as("the instance and its enforcement in one write")
                    .isEqualTo(1L);
            assertThat(dispatcher.counts()[0]).as("only the listened-to instance was processed").isEqualTo(1L);
            // an unknown trigger fails the future with the reason, and stores nothing
            long before = store.stats().writes();
            assertThat(emitter.emitAsync("no.such_trigger", Map.of(), null)).failsWithin(Duration.ofSeconds(20))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("no.such_trigger");
            assertThat(store.stats().writes()).isEqualTo(before);
        }
    }

    @Test
    void instancesEmittedFromManyThreadsAreEachStoredWithTheirEnforcementsInOneWrite() throws Exception {
        try (Pipeline p = new Pipeline(RulesDispatcher.DEFAULT_WORKERS, true)) {
            long writesBefore = store.stats().writes();
            int n = 40;
            List<java.util.concurrent.CompletableFuture<TriggerInstance>> emitted = new ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    String host = "host-" + i;
                    emitted.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> p.emitter.emitAsync(
                            "sensu.event_handler", Map.of("check", Map.of("name", "c"), "client", Map.of("name", host)),
                            null), threads).thenCompose(f -> f));
                }
                for (int i = 0; i < n; i++) {
                    TriggerInstance ti = emitted.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS);
                    assertThat(ti.status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
                    assertThat(p.repo.get(ti.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PROCESSED);
                    String host = "host-" + i;
                    assertThat(p.enforcements.list(EnforcementQuery.forInstance(ti.id()))).singleElement().satisfies(e ->
                            assertThat(e.executionRequest().get("parameters")).isEqualTo(Map.of("h", host)));
                }
            }
            assertThat(store.stats().writes() - writesBefore).as("one write per instance, enforcements included").isEqualTo(n);
            assertThat(p.dispatcher.counts()[0]).isEqualTo(n);
            // stopped, the dispatcher processes nothing more: a new instance is stored pending for the next start
            p.dispatcher.stop();
            TriggerInstance later = p.emitter.emit("sensu.event_handler", Map.of("check", Map.of("name", "c"),
                    "client", Map.of("name", "late")), null);
            assertThat(later.status()).isEqualTo(TriggerInstanceStatus.PENDING);
            assertThat(p.repo.get(later.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PENDING);
            assertThat(p.enforcements.list(EnforcementQuery.forInstance(later.id()))).isEmpty();
        }
    }

    @Test
    void anInstanceWhoseOutcomeCannotBeWrittenIsNotStoredEither() throws Exception {
        try (Pipeline p = new Pipeline(RulesDispatcher.DEFAULT_WORKERS, true)) {
            p.emitter.processWith(ti -> new dev.reflex.triggers.pipeline.InstanceProcessor.Outcome(
                    TriggerInstanceStatus.PROCESSED, c -> {
                        throw new java.sql.SQLException("the enforcement's insert failed");
                    }));
            int before = p.repo.list(new TriggerInstanceQuery(null, null, null, null, 100, 0)).size();
            assertThat(p.emitter.emitAsync("sensu.event_handler", Map.of("check", Map.of("name", "c"),
                    "client", Map.of("name", "h")), null)).failsWithin(Duration.ofSeconds(20))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withStackTraceContaining("the enforcement's insert failed");
            assertThat(p.repo.list(new TriggerInstanceQuery(null, null, null, null, 100, 0))).as("rolled back with it")
                    .hasSize(before);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.emitter.emit("sensu.event_handler",
                    Map.of("check", Map.of("name", "c"), "client", Map.of("name", "h")), null))
                    .hasStackTraceContaining("the enforcement's insert failed");
            assertThat(p.repo.list(new TriggerInstanceQuery(null, null, null, null, 100, 0))).hasSize(before);
        }
    }

    @Test
    void anInstanceWhoseProcessingFailsIsStoredProcessingFailedAndTheEmitSucceeds() throws Exception {
        try (Pipeline p = new Pipeline(RulesDispatcher.DEFAULT_WORKERS, true, () -> {
            throw new IllegalStateException("no enforcement ids left");
        })) {
            TriggerInstance ti = p.emitter.emitAsync("sensu.event_handler", Map.of("check", Map.of("name", "c"),
                    "client", Map.of("name", "h")), null).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ti.status()).isEqualTo(TriggerInstanceStatus.PROCESSING_FAILED);
            assertThat(p.repo.get(ti.id()).orElseThrow().instance().status()).isEqualTo(TriggerInstanceStatus.PROCESSING_FAILED);
            assertThat(p.enforcements.list(EnforcementQuery.forInstance(ti.id()))).isEmpty();
            assertThat(p.dispatcher.counts()).containsExactly(1L, 1L);
        }
    }

    @Test
    void severalWorkersProcessEveryPublishedInstanceWithOneWriteForItsOutcome() throws Exception {
        try (Pipeline p = new Pipeline(3, false)) {
            TriggerInstanceRepository repo = p.repo;
            DurableTriggerEmitter emitter = p.emitter;
            EnforcementRepository enforcements = p.enforcements;
            int n = 30;
            List<String> ids = new ArrayList<>();
            List<TriggerInstance> stored = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TriggerInstance ti = instance("pub-" + i, "sensu.event_handler", Map.of("check", Map.of("name", "c"),
                        "client", Map.of("name", "host-" + i)), clock.instant());
                repo.insert(new StoredTriggerInstance(ti, null));
                ids.add(ti.id());
                stored.add(ti);
            }
            // published as a re-emit or a recovery publishes: the workers process them
            long writesBefore = store.stats().writes();
            stored.forEach(emitter::publish);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(repo.list(new TriggerInstanceQuery(null, TriggerInstanceStatus.PROCESSED, null, null, 100, 0)))
                            .hasSize(n));
            for (int i = 0; i < n; i++) {
                assertThat(enforcements.list(EnforcementQuery.forInstance(ids.get(i)))).singleElement().satisfies(e ->
                        assertThat(e.executionRequest().get("parameters")).isEqualTo(Map.of("h", "host-" + ids.indexOf(
                                e.triggerInstanceId()))));
            }
            p.dispatcher.stop();
            assertThat(store.stats().writes() - writesBefore).as("one outcome write per instance").isEqualTo(n);
        }
    }

    /**
     * The trigger pipeline over this store: a started bus, a rule service holding one enabled rule
     * {@code r} on {@code sensu.event_handler}, the emitter and a started dispatcher.
     */
    final class Pipeline implements AutoCloseable {
        final TriggerInstanceRepository repo = new TriggerInstanceRepository(store);
        final InProcessBus bus = new InProcessBus(clock);
        final RuleParser parser = new RuleParser(TEMPLATES, null);
        final RuleEngine engine = new RuleEngine(TEMPLATES, k -> Optional.empty(), clock);
        final RuleService service;
        final DurableTriggerEmitter emitter;
        final EnforcementRepository enforcements = new EnforcementRepository(store);
        final RulesDispatcher dispatcher;

        /** With {@code workers} dispatcher workers; {@code onlyListened}: the emitter skips triggers no enabled rule listens to. */
        Pipeline(int workers, boolean onlyListened) throws Exception {
            this(workers, onlyListened, () -> Ids.next(clock));
        }

        /** With {@code enforcementIds} giving the enforcements' ids. */
        Pipeline(int workers, boolean onlyListened, java.util.function.Supplier<String> enforcementIds) throws Exception {
            bus.start();
            TriggerTypeRegistry types = TriggerTypeRegistry.withBuiltins();
            service = new RuleService(new RuleRepository(store, parser), new TriggerTypeRepository(store, clock), types, engine,
                    TEMPLATES, new PackSet(List.of(), List.of(), 0, List.of(), List.of()), clock);
            service.start();
            service.create(dev.reflex.rules.store.RuleDocuments.fromJson("""
                    {"name": "r", "enabled": true, "trigger": {"type": "sensu.event_handler"},
                     "action": {"ref": "x.y", "parameters": {"h": "{{trigger.client.name}}"}}}""", parser));
            emitter = onlyListened ? new DurableTriggerEmitter(types, service::trigger, repo, bus, clock, engine::listensTo)
                    : new DurableTriggerEmitter(types, service::trigger, repo, bus, clock);
            dispatcher = new RulesDispatcher(store, bus, repo, enforcements, engine, emitter,
                    sink -> new RuleEnforcer(TEMPLATES, k -> Optional.empty(), ParameterCaster.IDENTITY, sink, clock,
                            enforcementIds, "stanley"), new RecordingExecutionSink(), workers);
            dispatcher.start();
        }

        @Override
        public void close() throws InterruptedException {
            dispatcher.stop();
            bus.stop();
        }
    }

    @Test
    void timersFireOnTheTestClockAndOnlyOneNodeHoldsTheLease() throws Exception {
        JdbcStore other = sharedOrSecond();
        List<String> fired = new ArrayList<>();
        TimerService a = new TimerService((t, p, tag) -> fired.add("a " + t.type() + " " + p.get("executed_at") + " " + tag),
                new Lease(store, "timers", "node-a", Duration.ofSeconds(15), clock), clock, false);
        TimerService b = new TimerService((t, p, tag) -> fired.add("b " + t.type()),
                new Lease(other, "timers", "node-b", Duration.ofSeconds(15), clock), clock, false);
        RuleParser parser = new RuleParser(TEMPLATES, null);
        var interval = dev.reflex.rules.store.RuleDocuments.fromJson("""
                {"name": "every5", "enabled": true, "trigger": {"type": "core.st2.IntervalTimer",
                 "parameters": {"unit": "seconds", "delta": 5}}, "action": {"ref": "core.noop"}}""", parser);
        a.rulesChanged(List.of(interval));
        b.rulesChanged(List.of(interval));
        assertThat(a.tick() + b.tick()).as("nothing due yet").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(a.tick()).isEqualTo(1);
        assertThat(b.tick()).as("node b does not hold the lease").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(b.tick()).isZero();
        assertThat(a.tick()).isEqualTo(1);
        assertThat(fired).hasSize(2).allMatch(f -> f.startsWith("a core.st2.IntervalTimer 2026-11-21 10:00:"));
        assertThat(fired.getFirst()).endsWith("+00:00 st2.IntervalTimer-" + Trigger.of("core.st2.IntervalTimer",
                interval.trigger().parameters()).name());
        clock.advance(Duration.ofSeconds(20));
        assertThat(b.tick()).as("a's lease expired: b takes over").isEqualTo(1);
        assertThat(a.tick()).isZero();
    }

    /** A second store on the same database for PostgreSQL; SQLite's one file allows one store. */
    JdbcStore sharedOrSecond() throws Exception {
        return store;
    }
}
