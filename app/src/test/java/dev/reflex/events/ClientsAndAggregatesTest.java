package dev.reflex.events;

import static dev.reflex.events.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.Severity;
import dev.reflex.events.ProcessResult.Processed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proxy clients, signatures, registration, the merge over definitions, and aggregates. */
class ClientsAndAggregatesTest {

    private TestClock clock;
    private InMemoryEventState state;
    private InMemoryClientRegistry clients;
    private SensuSettings settings;
    private final List<Event> handled = new ArrayList<>();
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        state = new InMemoryEventState();
        clients = new InMemoryClientRegistry();
        settings = Fixtures.settings("""
                {"checks": {"test": {"command": "check-thing :::address:::", "subscribers": ["test"], "interval": 60,
                                     "playbook": "http://wiki/test", "handler": "ops", "aggregate": "web"},
                            "multi": {"command": "x", "standalone": true, "interval": 10, "aggregates": ["a", "b"]}},
                 "handlers": {"ops": {"type": "reflex"}}}
                """);
        EventHandling recorder = e -> {
            handled.add(e);
            return CompletableFuture.completedFuture(List.of());
        };
        processor = new EventProcessor(() -> settings, state, clients, new InMemorySilenceRegistry(clock), recorder,
                clock, Fixtures.ids(), "1.9.0");
    }

    @Test
    void anUnknownSourceBecomesAProxyClient() {
        Map<String, Object> check = Fixtures.check(2);
        check.put("source", "switch-x");
        check.put("command", "check-thing 10.0.0.1");
        Processed p = (Processed) processor.process(CheckResult.of("poller-1", check));
        Map<String, Object> proxy = clients.get("switch-x").orElseThrow();
        assertThat(proxy).containsEntry("address", "unknown").containsEntry("keepalives", false)
                .containsEntry("version", "1.9.0").containsEntry("type", "proxy").containsEntry("timestamp", clock.epochSecond());
        assertThat(proxy.get("subscriptions")).isEqualTo(List.of("client:switch-x"));
        assertThat(p.event().clientName()).isEqualTo("switch-x");
        assertThat(p.event().check()).containsEntry("origin", "poller-1")
                .as("a proxy client's result keeps the defined command").containsEntry("command", "check-thing :::address:::");
        assertThat(state.event(new ResultKey("switch-x", "test"))).isPresent();
    }

    @Test
    void aResultIsMergedOverItsDefinitionUnlessStandalone() {
        processor.clients().update(Fixtures.client());
        Processed p = (Processed) processor.process(Fixtures.result(2));
        assertThat(p.event().check()).containsEntry("playbook", "http://wiki/test").containsEntry("handler", "ops")
                .containsEntry("output", "WARNING").containsEntry("command", "echo WARNING && exit 1");
        Map<String, Object> standalone = Fixtures.check(2);
        standalone.put("standalone", true);
        Processed q = (Processed) processor.process(Fixtures.result(standalone));
        assertThat(q.event().check()).doesNotContainKey("playbook");
    }

    @Test
    void signaturesAreKeptFromTheFirstRegistration() {
        Map<String, Object> signed = Fixtures.client();
        signed.put("signature", "s3cret");
        assertThat(processor.clients().update(signed)).isTrue();
        Map<String, Object> impostor = Fixtures.client();
        impostor.put("signature", "other");
        assertThat(processor.clients().update(impostor)).isFalse();
        assertThat(processor.process(Fixtures.result(2))).isInstanceOf(ProcessResult.Discarded.class);
        assertThat(processor.process(new CheckResult("i-424242", Fixtures.check(2), "s3cret"))).isInstanceOf(Processed.class);
        assertThat(clients.get("i-424242").orElseThrow().get("subscriptions")).isEqualTo(List.of("test", "client:i-424242"));
    }

    @Test
    void aSignatureCanBeAdoptedLaterButNotChanged() {
        assertThat(processor.clients().update(Fixtures.client())).isTrue();
        Map<String, Object> signed = Fixtures.client();
        signed.put("signature", "late");
        assertThat(processor.clients().update(signed)).isTrue();
        assertThat(clients.signature("i-424242")).contains("late");
        Map<String, Object> changed = Fixtures.client();
        changed.put("signature", "changed");
        assertThat(processor.clients().update(changed)).isFalse();
    }

    @Test
    void firstRegistrationRaisesARegistrationEventWhenConfigured() {
        settings = Fixtures.settings("{\"handlers\": {\"registration\": {\"type\": \"reflex\"}}}");
        processor.clients().update(Fixtures.client());
        processor.clients().update(Fixtures.client());
        assertThat(handled).hasSize(1);
        Event registration = handled.get(0);
        assertThat(registration.check()).containsEntry("name", "registration").containsEntry("handler", "registration")
                .containsEntry("output", "new client registration").containsEntry("status", 1L);
        assertThat(state.event(new ResultKey("i-424242", "registration"))).as("handled, never stored").isEmpty();
        Map<String, Object> custom = Fixtures.client();
        custom.put("name", "other");
        custom.put("registration", map("handler", "cmdb", "status", 2L));
        settings = SensuSettings.empty();
        processor.clients().update(custom);
        assertThat(handled.get(1).check()).containsEntry("handler", "cmdb").containsEntry("status", 2L);
    }

    @Test
    void aggregatesCollectMembersAndSummariseBySeverity() {
        processor.clients().update(Fixtures.client());
        Map<String, Object> other = Fixtures.client();
        other.put("name", "i-2");
        processor.clients().update(other);
        processor.process(Fixtures.result(2));
        processor.process(CheckResult.of("i-2", Fixtures.check(0)));
        Map<String, Object> multi = Fixtures.check(1);
        multi.put("name", "multi");
        multi.put("aggregates", List.of("a", "b"));
        processor.process(Fixtures.result(multi));
        assertThat(state.aggregates()).containsExactly("a", "b", "web");
        Aggregates aggregates = new Aggregates(state);
        Aggregates.Summary web = aggregates.summary("web", null, clock.epochSecond()).orElseThrow();
        assertThat(web).isEqualTo(new Aggregates.Summary(2, 1, 1, 0, 1, 0, 2, 0));
        assertThat(web.toSensuMap()).isEqualTo(map("clients", 2, "checks", 1,
                "results", map("ok", 1, "warning", 0, "critical", 1, "unknown", 0, "total", 2, "stale", 0)));
        assertThat(aggregates.summary("web", 60L, 1363224805L + 120).orElseThrow().stale()).isEqualTo(2);
        assertThat(aggregates.byCheck("web").orElseThrow()).containsExactly(map("name", "test", "clients", List.of("i-2", "i-424242")));
        assertThat(aggregates.resultsBySeverity("web", Severity.CRITICAL, null, 0).orElseThrow()).containsExactly(
                map("check", "test", "summary", List.of(map("output", "WARNING", "total", 1, "clients", List.of("i-424242")))));
        assertThat(aggregates.summary("nope", null, 0)).isEmpty();
    }
}
