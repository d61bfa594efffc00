package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.agent.AgentMessage;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.events.EventEngine;
import dev.reflex.events.InMemoryClientRegistry;
import dev.reflex.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The server's check request scheduler on a test clock: Sensu's splay, then the interval; fan-out
 * to every subscriber and {@code roundrobin:} to one in turn; nothing while subdued, for standalone
 * checks or with {@code publish: false}; cron; proxy requests per matching client with {@code source}.
 */
class CheckSchedulerTest {

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1414213569L).plusMillis(32));
    final InMemoryClientRegistry clients = new InMemoryClientRegistry();

    /** A connection that records what it was sent. */
    record FakeConnection(String id, List<Map<String, Object>> requests) implements AgentHub.Connection {
        FakeConnection(String id) {
            this(id, new CopyOnWriteArrayList<>());
        }

        @Override
        public void send(String text) {
            if (AgentMessage.parse(text) instanceof AgentMessage.Request r) {
                requests.add(r.check());
            }
        }

        @Override
        public void close(String reason) {
        }

        List<Object> names() {
            return requests.stream().map(r -> r.get("name")).toList();
        }
    }

    static SensuSettings settings(String json) {
        var p = SettingsParser.parse(JsonValues.asMap(JsonValues.read(json)), "<test>");
        assertThat(p.problems()).isEmpty();
        return p.value();
    }

    final List<FakeConnection> agents = new ArrayList<>();
    AgentHub hub;

    CheckScheduler scheduler(String json) {
        SensuSettings s = settings(json);
        EventEngine engine = EventEngine.builder(() -> s).clients(clients).clock(clock).build();
        hub = new AgentHub(() -> engine, clock);
        for (String name : List.of("a-1", "a-2", "a-3")) {
            FakeConnection c = new FakeConnection(name);
            hub.opened(c);
            hub.received(c, new AgentMessage.Keepalive(Map.of("name", name,
                    "subscriptions", List.of("web", "roundrobin:pool"), "timestamp", 1L)).toJson());
            agents.add(c);
        }
        return new CheckScheduler(() -> s, hub, clients, clock);
    }

    @Test
    void theFirstRequestComesAfterSensusSplayThenEveryIntervalToEverySubscriber() {
        CheckScheduler s = scheduler("""
                {"checks": {"test": {"command": "true", "subscribers": ["web"], "interval": 60}}}""");
        assertThat(s.tick()).isZero();
        clock.advance(Duration.ofMillis(17_600));
        assertThat(s.tick()).as("17.600 s: before Sensu's splay of 17.601 s").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(s.tick()).isEqualTo(3);
        assertThat(agents).allSatisfy(a -> assertThat(a.names()).containsExactly("test"));
        Map<String, Object> request = agents.get(0).requests().get(0);
        assertThat(request).containsEntry("issued", clock.instant().getEpochSecond()).doesNotContainKeys("subscribers",
                "interval");
        clock.advance(Duration.ofSeconds(59));
        assertThat(s.tick()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.tick()).isEqualTo(3);
    }

    @Test
    void roundRobinSubscriptionsGoToOneAgentInTurn() {
        CheckScheduler s = scheduler("""
                {"checks": {"rr": {"command": "true", "subscribers": ["roundrobin:pool"], "interval": 10}}}""");
        s.tick();
        int delivered = 0;
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofSeconds(5));
            delivered += s.tick();
        }
        assertThat(delivered).isEqualTo(30);
        assertThat(agents).allSatisfy(a -> assertThat(a.requests()).hasSize(10));
    }

    @Test
    void standaloneUnpublishedAndSubduedChecksAreNotRequested() {
        CheckScheduler s = scheduler("""
                {"checks": {
                  "alone": {"command": "true", "standalone": true, "interval": 10},
                  "quiet": {"command": "true", "subscribers": ["web"], "publish": false},
                  "subdued": {"command": "true", "subscribers": ["web"], "interval": 10,
                              "subdue": {"days": {"all": [{"begin": "12:00 AM", "end": "11:59 PM"}]}}}}}""");
        for (int i = 0; i < 10; i++) {
            s.tick();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(agents).allSatisfy(a -> assertThat(a.requests()).isEmpty());
    }

    @Test
    void cronChecksRunAtEachMatch() {
        clock.set(Instant.parse("2026-11-21T10:00:30Z"));
        CheckScheduler s = scheduler("""
                {"checks": {"cron": {"command": "true", "subscribers": ["web"], "cron": "*/5 * * * *"}}}""");
        s.tick();
        clock.set(Instant.parse("2026-11-21T10:04:59Z"));
        assertThat(s.tick()).isZero();
        clock.set(Instant.parse("2026-11-21T10:05:00Z"));
        assertThat(s.tick()).isEqualTo(3);
        clock.set(Instant.parse("2026-11-21T10:09:00Z"));
        assertThat(s.tick()).isZero();
        clock.set(Instant.parse("2026-11-21T10:10:00Z"));
        assertThat(s.tick()).isEqualTo(3);
    }

    @Test
    void proxyRequestsGoOutOncePerMatchingClientWithItsSource() {
        clients.put(Map.of("name", "switch-1", "kind", "switch", "subscriptions", List.of()));
        clients.put(Map.of("name", "switch-2", "kind", "switch", "subscriptions", List.of()));
        clients.put(Map.of("name", "router-1", "kind", "router", "subscriptions", List.of()));
        CheckScheduler s = scheduler("""
                {"checks": {"ping": {"command": "ping -c1 :::name:::", "subscribers": ["roundrobin:pool"],
                  "interval": 60, "proxy_requests": {"client_attributes": {"kind": "switch"}}}}}""");
        var check = settings("""
                {"checks": {"ping": {"command": "ping -c1 :::name:::", "subscribers": ["roundrobin:pool"],
                  "interval": 60, "proxy_requests": {"client_attributes": {"kind": "switch"}}}}}""").check("ping").get();
        assertThat(s.publish(check, clock.instant(), null)).isEqualTo(2);
        List<Map<String, Object>> sent = agents.stream().flatMap(a -> a.requests().stream()).toList();
        assertThat(sent).extracting(r -> r.get("source")).containsExactlyInAnyOrder("switch-1", "switch-2");
        assertThat(sent).extracting(r -> r.get("command")).containsExactlyInAnyOrder("ping -c1 switch-1", "ping -c1 switch-2");
    }
}
