package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.checks.SensuSettings;
import dev.reflex.events.ProcessResult.Processed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Silencing semantics, following Sensu's server spec and API. */
class SilencingTest {

    private TestClock clock;
    private InMemorySilenceRegistry silences;
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        silences = new InMemorySilenceRegistry(clock);
        processor = new EventProcessor(SensuSettings::empty, new InMemoryEventState(), new InMemoryClientRegistry(),
                silences, EventHandling.none(), clock, Fixtures.ids(), "1.9.0");
        processor.clients().update(Fixtures.client());
    }

    private Event process(long status) {
        return ((Processed) processor.process(Fixtures.result(status))).event();
    }

    private void silence(String subscription, String check, Long begin, Long expire, boolean expireOnResolve) {
        silences.put(SilenceEntry.create(subscription, check, begin, expire, null, null, expireOnResolve, clock.epochSecond()));
    }

    @Test
    void matchingEntriesInSensusOrder() {
        silence("test", null, null, null, false);
        silence(null, "test", null, null, false);
        silence("test", "test", null, null, false);
        silence("other", null, null, null, false);
        Event e = process(1);
        assertThat(e.silenced()).isTrue();
        assertThat(e.silencedBy()).containsExactly("test:*", "test:test", "*:test");
    }

    @Test
    void clientSubscriptionSilencesOneClient() {
        silence("client:i-424242", null, null, null, false);
        assertThat(process(2).silencedBy()).containsExactly("client:i-424242:*");
    }

    @Test
    void scheduledMaintenanceStartsAtBegin() {
        silence("test", null, clock.epochSecond() - 60, null, false);
        silence(null, "test", clock.epochSecond() + 60, null, false);
        assertThat(process(1).silencedBy()).containsExactly("test:*");
        clock.advanceSeconds(60);
        assertThat(process(1).silencedBy()).containsExactly("test:*", "*:test");
    }

    @Test
    void okCreateEventsAreNotLookedAt() {
        silence("test", null, null, null, false);
        Event ok = process(0);
        assertThat(ok.silenced()).isFalse();
        assertThat(ok.silencedBy()).isEmpty();
    }

    @Test
    void expireOnResolveDeletesTheEntryAndDoesNotSilenceTheResolve() {
        silence("test", null, null, null, true);
        assertThat(process(1).silenced()).isTrue();
        Event resolve = process(0);
        assertThat(resolve.action()).isEqualTo(EventAction.RESOLVE);
        assertThat(resolve.silenced()).isFalse();
        assertThat(silences.get("test:*")).isEmpty();
    }

    @Test
    void entriesExpireOnTheClockAndAFutureBeginExtendsTheExpiry() {
        silence("test", null, null, 60L, false);
        assertThat(silences.get("test:*").orElseThrow().remainingSeconds(clock.epochSecond())).isEqualTo(60);
        clock.advanceSeconds(59);
        assertThat(process(1).silenced()).isTrue();
        clock.advanceSeconds(1);
        assertThat(process(1).silenced()).isFalse();
        silence(null, "test", clock.epochSecond() + 100, 60L, false);
        assertThat(silences.get("*:test").orElseThrow().expiresAt()).isEqualTo(clock.epochSecond() + 160);
        assertThat(silences.get("*:test").orElseThrow().toSensuMap(clock.epochSecond()))
                .containsEntry("expire", 160L).containsEntry("expire_on_resolve", false).containsEntry("id", "*:test");
    }

    @Test
    void anEntryNeedsASubscriptionOrACheck() {
        assertThatThrownBy(() -> SilenceEntry.create(null, null, null, null, null, null, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SilenceEntry.create("web", "disk", null, null, "maintenance", "ops", false, 0).id()).isEqualTo("web:disk");
        assertThat(SilenceEntry.create("web", null, null, null, null, null, false, 0).remainingSeconds(10)).isEqualTo(-1);
    }

    @Test
    void silencedEventsSkipHandlersWithoutHandleSilenced() {
        Map<String, Object> json = Map.of();
        Event silenced = process(1).withSilencing(true, List.of("test:*"));
        var stage = FilterStages.silenced();
        var plain = Fixtures.settings("{\"handlers\": {\"a\": {\"type\": \"reflex\"}, \"b\": {\"type\": \"reflex\", \"handle_silenced\": true}}}");
        assertThat(stage.evaluate(plain.handler("a").orElseThrow(), silenced, json)).isInstanceOf(FilterStage.Drop.class);
        assertThat(stage.evaluate(plain.handler("b").orElseThrow(), silenced, json)).isEqualTo(FilterStage.PASS);
    }
}
