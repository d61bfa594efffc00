package dev.reflex.events;

import static dev.reflex.events.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.SensuSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reference section 8 G (keepalives) and H (TTL), on a test clock. */
class KeepaliveAndTtlTest {

    private TestClock clock;
    private InMemoryEventState state;
    private InMemoryClientRegistry clients;
    private EventProcessor processor;
    private SensuSettings settings;

    @BeforeEach
    void setUp() {
        clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        state = new InMemoryEventState();
        clients = new InMemoryClientRegistry();
        settings = Fixtures.settings("{\"handlers\": {\"keepalive\": {\"type\": \"reflex\"}}}");
        processor = new EventProcessor(() -> settings, state, clients, new InMemorySilenceRegistry(clock),
                EventHandling.none(), clock, Fixtures.ids(), "1.9.0");
    }

    private KeepaliveMonitor keepalives() {
        return new KeepaliveMonitor(() -> settings, clients, clock);
    }

    private Map<String, Object> client(String name, long secondsAgo) {
        Map<String, Object> c = Fixtures.client();
        c.put("name", name);
        c.put("timestamp", clock.epochSecond() - secondsAgo);
        return c;
    }

    private Event keepaliveEvent(String client) {
        return state.event(new ResultKey(client, "keepalive")).orElse(null);
    }

    private void sweepKeepalives() {
        keepalives().sweep().forEach(processor::process);
    }

    @Test
    void sensuSpecStaleClients() {
        Map<String, Object> foo = client("foo", 60);
        Map<String, Object> keepalive = new java.util.LinkedHashMap<>(Fixtures.map("thresholds",
                map("warning", 60L, "critical", 120L), "handler", "debug", "contact", ":::foobar:::"));
        keepalive.put("contacts", new ArrayList<>(List.of(":::foobar|ops:::")));
        foo.put("keepalive", keepalive);
        Map<String, Object> bar = client("bar", 120);
        Map<String, Object> qux = client("qux", 1800);
        qux.put("keepalives", false);
        processor.clients().update(foo);
        processor.clients().update(bar);
        processor.clients().update(qux);

        sweepKeepalives();

        Event fooEvent = keepaliveEvent("foo");
        assertThat((String) fooEvent.check().get("output"))
                .isEqualTo("No keepalive sent from client for 60 seconds (>=60) - Unmatched client token(s): foobar");
        assertThat(fooEvent.status()).isEqualTo(1);
        assertThat(fooEvent.check().get("handler")).isEqualTo("debug");
        assertThat(fooEvent.check().get("contacts")).isEqualTo(List.of("ops"));
        Event barEvent = keepaliveEvent("bar");
        assertThat(barEvent.check().get("output")).isEqualTo("No keepalive sent from client for 120 seconds (>=120)");
        assertThat(barEvent.status()).isEqualTo(2);
        assertThat(barEvent.check().get("handler")).isEqualTo("keepalive");
        assertThat(keepaliveEvent("qux")).isNull();
    }

    @Test
    void unmatchedTokensRaiseAnOkKeepaliveToWarning() {
        Map<String, Object> c = client("tokens", 5);
        c.put("keepalive", map("contact", ":::foobar:::"));
        CheckResult r = keepalives().result(c).orElseThrow();
        assertThat(r.check().get("output")).isEqualTo("Keepalive sent from client 5 seconds ago - Unmatched client token(s): foobar");
        assertThat(r.check().get("status")).isEqualTo(1L);
    }

    @Test
    void defaultThresholds() {
        settings = SensuSettings.empty();
        Map<String, Object> c = map("name", "plain", "address", "a", "subscriptions", List.of());
        for (long[] v : new long[][] {{119, 0}, {120, 1}, {179, 1}, {180, 2}, {230, 2}}) {
            c.put("timestamp", clock.epochSecond() - v[0]);
            CheckResult r = keepalives().result(c).orElseThrow();
            assertThat(r.check().get("status")).as("%d s", v[0]).isEqualTo(v[1]);
            assertThat(r.check()).containsEntry("name", "keepalive").containsEntry("executed", clock.epochSecond())
                    .doesNotContainKey("handler");
        }
        c.put("timestamp", clock.epochSecond() - 119);
        assertThat(keepalives().result(c).orElseThrow().check().get("output")).isEqualTo("Keepalive sent from client 119 seconds ago");
        c.put("timestamp", clock.epochSecond() - 230);
        assertThat(keepalives().result(c).orElseThrow().check().get("output"))
                .isEqualTo("No keepalive sent from client for 230 seconds (>=180)");
    }

    @Test
    void keepaliveEventResolvesWhenTheClientComesBack() {
        processor.clients().update(client("web", 200));
        sweepKeepalives();
        assertThat(keepaliveEvent("web").status()).isEqualTo(2);
        clock.advanceSeconds(30);
        processor.clients().update(client("web", 0));
        sweepKeepalives();
        assertThat(keepaliveEvent("web")).isNull();
    }

    private void result(String name, long ttl, Long ttlStatus) {
        Map<String, Object> check = Fixtures.check(0);
        check.put("name", name);
        check.put("executed", clock.epochSecond() - 30);
        if (ttl > 0) {
            check.put("ttl", ttl);
        }
        if (ttlStatus != null) {
            check.put("ttl_status", ttlStatus);
        }
        processor.process(Fixtures.result(check));
    }

    @Test
    void sensuSpecStaleCheckResults() {
        processor.clients().update(client("i-424242", 0));
        result("test", 0, null);
        result("foo", 30, null);
        result("bar", 60, null);
        result("baz", 30, 2L);
        new TtlMonitor(state, clients, clock).sweep(45).forEach(processor::process);
        List<Event> events = state.events("i-424242");
        assertThat(events).extracting(Event::checkName).containsExactly("baz", "foo");
        Event foo = state.event(new ResultKey("i-424242", "foo")).orElseThrow();
        assertThat(foo.check().get("output")).isEqualTo("Last check execution was 30 seconds ago");
        assertThat(foo.status()).isEqualTo(1);
        assertThat(foo.check().get("interval")).isEqualTo(45L);
        Event baz = state.event(new ResultKey("i-424242", "baz")).orElseThrow();
        assertThat(baz.status()).isEqualTo(2);
    }

    @Test
    void ttlResultsRepeatEverySweepUntilAFreshResult() {
        processor.clients().update(client("i-424242", 0));
        result("foo", 30, null);
        TtlMonitor ttl = new TtlMonitor(state, clients, clock);
        ttl.sweep().forEach(processor::process);
        clock.advanceSeconds(30);
        ttl.sweep().forEach(processor::process);
        Event foo = state.event(new ResultKey("i-424242", "foo")).orElseThrow();
        assertThat(foo.occurrences()).isEqualTo(2);
        assertThat(foo.check().get("output")).isEqualTo("Last check execution was 60 seconds ago");
        result("foo", 30, null);
        clock.advanceSeconds(0);
        assertThat(state.event(new ResultKey("i-424242", "foo"))).isEmpty();
    }

    @Test
    void noTtlEventWhileTheClientHasAKeepaliveEvent() {
        processor.clients().update(client("i-424242", 1200));
        sweepKeepalives();
        assertThat(keepaliveEvent("i-424242").status()).isEqualTo(2);
        Map<String, Object> stale = Fixtures.check(0);
        stale.put("ttl", 60L);
        stale.put("executed", clock.epochSecond() - 1200);
        processor.process(Fixtures.result(stale));
        assertThat(new TtlMonitor(state, clients, clock).sweep()).isEmpty();
    }

    @Test
    void forceResolveAndVanishedResultsAreSkipped() {
        Map<String, Object> forced = Fixtures.check(0);
        forced.put("ttl", 10L);
        forced.put("force_resolve", true);
        forced.put("executed", clock.epochSecond() - 100);
        processor.process(Fixtures.result(forced));
        TtlMonitor ttl = new TtlMonitor(state, clients, clock);
        assertThat(ttl.sweep()).isEmpty();
        state.deleteResult(new ResultKey("i-424242", "test"));
        state.recordResult(new ResultKey("i-424242", "gone"), Map.of(), 0, null, true);
        state.deleteResult(new ResultKey("i-424242", "gone"));
        assertThat(ttl.sweep()).isEmpty();
        assertThat(state.ttlKeys()).isEmpty();
    }
}
