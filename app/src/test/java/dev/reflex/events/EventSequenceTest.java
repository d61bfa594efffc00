package dev.reflex.events;

import static dev.reflex.events.Fixtures.check;
import static dev.reflex.events.Fixtures.map;
import static dev.reflex.events.Fixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.SensuSettings;
import dev.reflex.events.ProcessResult.Processed;
import dev.reflex.events.ProcessResult.RegistryChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reference section 8 C: event sequences, plus the spec assertions on ids and watermarks. */
class EventSequenceTest {

    private TestClock clock;
    private InMemoryEventState state;
    private InMemoryClientRegistry clients;
    private final List<Event> handled = new ArrayList<>();
    private EventProcessor processor;

    @BeforeEach
    void setUp() {
        clock = TestClock.atEpochSecond(Fixtures.EPOCH);
        state = new InMemoryEventState();
        clients = new InMemoryClientRegistry();
        clients.put(Fixtures.client());
        EventHandling recorder = event -> {
            handled.add(event);
            return CompletableFuture.completedFuture(List.of());
        };
        processor = new EventProcessor(SensuSettings::empty, state, clients, new InMemorySilenceRegistry(clock),
                recorder, clock, Fixtures.ids(), "1.9.0");
    }

    private Processed process(Map<String, Object> check) {
        clock.advanceSeconds(10);
        return (Processed) processor.process(result(check));
    }

    private Processed process(long status) {
        return process(check(status));
    }

    private static String step(Processed p) {
        Event e = p.event();
        return e.action().label() + " " + e.occurrences() + "/" + e.occurrencesWatermark() + " " + p.registry();
    }

    private Event stored() {
        return state.event(new ResultKey("i-424242", "test")).orElse(null);
    }

    @Test
    void c1CreateThenResolve() {
        List<String> steps = new ArrayList<>();
        for (long s : new long[] {0, 2, 2, 2, 0}) {
            steps.add(step(process(s)));
        }
        assertThat(steps).containsExactly("create 1/1 NONE", "create 1/1 STORED", "create 2/2 STORED",
                "create 3/3 STORED", "resolve 3/3 DELETED");
        assertThat(handled).extracting(Event::action).containsExactly(EventAction.CREATE, EventAction.CREATE,
                EventAction.CREATE, EventAction.RESOLVE);
        assertThat(stored()).isNull();
    }

    @Test
    void c2StatusChangeResetsOccurrencesButKeepsIdAndWatermark() {
        Processed first = process(1);
        Processed second = process(1);
        Processed third = process(2);
        assertThat(step(first)).isEqualTo("create 1/1 STORED");
        assertThat(step(second)).isEqualTo("create 2/2 STORED");
        assertThat(step(third)).isEqualTo("create 1/2 STORED");
        assertThat(third.event().id()).isEqualTo(first.event().id()).isEqualTo(stored().id());
    }

    @Test
    void c3WatermarkSurvivesUntilResolve() {
        List<String> steps = new ArrayList<>();
        for (long s : new long[] {1, 1, 2, 2, 1, 0}) {
            steps.add(step(process(s)));
        }
        assertThat(steps).containsExactly("create 1/1 STORED", "create 2/2 STORED", "create 1/2 STORED",
                "create 2/2 STORED", "create 1/2 STORED", "resolve 1/2 DELETED");
    }

    @Test
    void c4AutoResolveFalseKeepsTheEvent() {
        Map<String, Object> critical = check(2);
        critical.put("auto_resolve", false);
        Processed p1 = process(critical);
        assertThat(step(p1)).isEqualTo("create 1/1 STORED");
        for (int i = 0; i < 2; i++) {
            Map<String, Object> ok = check(0);
            ok.put("auto_resolve", false);
            Processed p = process(ok);
            assertThat(p.event().action()).isEqualTo(EventAction.RESOLVE);
            assertThat(p.registry()).isEqualTo(RegistryChange.NONE);
            assertThat(stored().status()).isEqualTo(2);
            assertThat(stored().action()).isEqualTo(EventAction.CREATE);
            assertThat(stored().occurrences()).isEqualTo(1);
        }
        assertThat(handled).hasSize(1);
        Processed again = process(critical);
        assertThat(step(again)).isEqualTo("create 1/1 STORED");
        assertThat(step(process(critical))).isEqualTo("create 2/2 STORED");
    }

    @Test
    void c5MetricChecksHandleOkResultsWithoutStoringThem() {
        List<String> steps = new ArrayList<>();
        for (long s : new long[] {0, 0, 2, 0, 0}) {
            Map<String, Object> c = check(s);
            c.put("type", "metric");
            steps.add(step(process(c)));
        }
        assertThat(steps).containsExactly("create 1/1 METRIC", "create 1/1 METRIC", "create 1/1 STORED",
                "resolve 1/1 DELETED", "create 1/1 METRIC");
        assertThat(handled).hasSize(5);
    }

    @Test
    void c6FlappingStartsAt101AndEndsWhenBelowTheLowThreshold() {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            Map<String, Object> c = check(i % 2);
            c.put("low_flap_threshold", 5L);
            c.put("high_flap_threshold", 20L);
            actions.add(process(c).event().action().label());
        }
        assertThat(actions.subList(0, 20)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> i % 2 == 0 ? (i == 0 ? "create" : "resolve") : "create").toList());
        assertThat(actions.get(20)).isEqualTo("flapping");
        assertThat(stored().action()).isEqualTo(EventAction.FLAPPING);

        List<Integer> tsc = new ArrayList<>();
        List<Long> occurrences = new ArrayList<>();
        Processed last = null;
        for (int i = 0; i < 20; i++) {
            Map<String, Object> c = check(0);
            c.put("low_flap_threshold", 5L);
            c.put("high_flap_threshold", 20L);
            last = process(c);
            tsc.add(last.event().totalStateChange());
            if (i < 19) {
                assertThat(last.event().action()).isEqualTo(EventAction.FLAPPING);
                assertThat(last.registry()).isEqualTo(RegistryChange.STORED);
                occurrences.add(last.event().occurrences());
            }
        }
        assertThat(tsc).containsExactly(101, 95, 89, 83, 77, 72, 66, 61, 55, 50, 45, 40, 35, 30, 26, 21, 17, 12, 8, 4);
        assertThat(occurrences).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 19).boxed().toList());
        assertThat(last.event().action()).isEqualTo(EventAction.RESOLVE);
        assertThat(last.registry()).isEqualTo(RegistryChange.DELETED);
        assertThat(stored()).isNull();
        assertThat(state.history(new ResultKey("i-424242", "test")).size()).isEqualTo(21);
    }

    @Test
    void c7ForceResolveDeletesAFlappingEvent() {
        for (int i = 0; i < 26; i++) {
            Map<String, Object> c = check(i % 2);
            c.put("low_flap_threshold", 5L);
            c.put("high_flap_threshold", 20L);
            process(c);
        }
        assertThat(stored().action()).isEqualTo(EventAction.FLAPPING);
        Map<String, Object> ok = check(0);
        ok.put("low_flap_threshold", 5L);
        ok.put("high_flap_threshold", 20L);
        ok.put("force_resolve", true);
        Processed p = process(ok);
        assertThat(p.event().action()).isEqualTo(EventAction.FLAPPING);
        assertThat(p.registry()).isEqualTo(RegistryChange.DELETED);
        assertThat(stored()).isNull();
    }

    @Test
    void c8UnknownStatusesFollowTheNonZeroPath() {
        assertThat(step(process(3))).isEqualTo("create 1/1 STORED");
        assertThat(step(process(3))).isEqualTo("create 2/2 STORED");
        assertThat(step(process(0))).isEqualTo("resolve 2/2 DELETED");
    }

    @Test
    void eventIdPersistsUntilDeletionThenANewOneIsMinted() {
        String first = process(2).event().id();
        assertThat(process(2).event().id()).isEqualTo(first);
        assertThat(process(0).event().id()).isEqualTo(first);
        assertThat(process(2).event().id()).isNotEqualTo(first);
    }

    @Test
    void lastOkAndLastStateChange() {
        Processed critical = process(2);
        assertThat(critical.event().lastOk()).isNull();
        assertThat(critical.event().lastStateChange()).isEqualTo(clock.epochSecond());
        long changedAt = clock.epochSecond();
        Map<String, Object> ok = check(0);
        ok.put("executed", 1234L);
        Processed resolve = process(ok);
        assertThat(resolve.event().lastOk()).isEqualTo(1234L);
        assertThat(resolve.event().lastStateChange()).isEqualTo(clock.epochSecond()).isGreaterThan(changedAt);
        Processed again = process(2);
        assertThat(again.event().lastOk()).isEqualTo(1234L);
    }

    @Test
    void eventCarriesHistoryAsStringsAndTheSensuShape() {
        process(0);
        Processed p = process(2);
        Map<String, Object> json = p.event().toSensuMap();
        assertThat(json.keySet()).containsExactly("id", "client", "check", "occurrences", "occurrences_watermark",
                "last_ok", "action", "timestamp", "last_state_change", "silenced", "silenced_by");
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) json.get("check");
        assertThat(c.get("history")).isEqualTo(List.of("0", "2"));
        assertThat(c.get("total_state_change")).isEqualTo(0);
        assertThat(c.get("type")).isEqualTo("standard");
        assertThat(json.get("action")).isEqualTo("create");
        assertThat(json.get("timestamp")).isEqualTo(clock.epochSecond());
    }

    @Test
    void storedEventsRoundTripThroughTheirSensuJson() {
        process(0);
        Event e = process(2).event();
        Map<String, Object> json = dev.reflex.checks.JsonValues.asMap(
                dev.reflex.checks.JsonValues.read(dev.reflex.checks.JsonValues.write(e.toSensuMap())));
        Event back = Event.fromSensuMap(json);
        assertThat(back.toSensuMap()).isEqualTo(json);
        assertThat(back.key()).isEqualTo(e.key());
        assertThat(back.history()).containsExactly("0", "2");
    }

    @Test
    void handleFalseResultsAreStoredLikeAnyOther() {
        Map<String, Object> unmatched = check(3);
        unmatched.put("handle", false);
        unmatched.put("output", "Unmatched client token(s): disk.warning");
        Processed p = process(unmatched);
        assertThat(p.registry()).isEqualTo(RegistryChange.STORED);
        assertThat(stored().check().get("handle")).isEqualTo(false);
    }

    @Test
    void resultsAreStoredWithTruncatedOutputForMetrics() {
        Map<String, Object> metric = check(0);
        metric.put("type", "metric");
        metric.put("output", "foo\nbar\nbaz");
        Processed p = process(metric);
        assertThat(state.result(new ResultKey("i-424242", "test")).orElseThrow().get("output")).isEqualTo("foo\n...");
        assertThat(p.event().check().get("output")).as("the event keeps the full output").isEqualTo("foo\nbar\nbaz");
    }

    @Test
    void ttlChecksJoinTheTtlSet() {
        Map<String, Object> c = check(0);
        c.put("ttl", 30L);
        process(c);
        assertThat(state.ttlKeys()).containsExactly(new ResultKey("i-424242", "test"));
    }

    @Test
    void missingStatusIsDiscarded() {
        Map<String, Object> c = check(0);
        c.remove("status");
        assertThat(processor.process(result(c))).isInstanceOf(ProcessResult.Discarded.class);
        assertThat(map()).isEmpty();
    }
}
