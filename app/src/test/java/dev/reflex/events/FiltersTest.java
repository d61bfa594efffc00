package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference section 8 D (severities) and E (the occurrences filter). */
class FiltersTest {

    private static Event event(EventAction action, int status, List<String> history, long occurrences, long watermark,
            Map<String, Object> extra) {
        Map<String, Object> check = Fixtures.check(status);
        check.put("history", history);
        check.putAll(extra);
        return new Event("id", Fixtures.client(), check, occurrences, watermark, null, null, action, 0, false, List.of());
    }

    private static HandlerDefinition criticalOnly() {
        return new HandlerDefinition("h", new HandlerDefinition.Reflex(), List.of(), List.of(Severity.CRITICAL), null,
                null, false, false, Map.of());
    }

    @ParameterizedTest(name = "create with status {0} passes: {1}")
    @CsvSource({"1, false", "2, true", "0, false", "3, false"})
    void severitiesOnCreate(int status, boolean passes) {
        Event e = event(EventAction.CREATE, status, List.of(String.valueOf(status)), 1, 1, Map.of());
        assertThat(FilterStages.handlesSeverity(criticalOnly(), e)).isEqualTo(passes);
    }

    @ParameterizedTest(name = "resolve with history {0} passes: {1}")
    @CsvSource(delimiter = ';', value = {"1,0; false", "1,2,0; true", "0,0,1,2,0; true", "0,0,1,2,1,0,0; true"})
    void severitiesOnResolveLookAtTheWholeHistory(String history, boolean passes) {
        Event e = event(EventAction.RESOLVE, 0, List.of(history.split(",")), 1, 1, Map.of());
        assertThat(FilterStages.handlesSeverity(criticalOnly(), e)).isEqualTo(passes);
    }

    @Test
    void statusesMapToSeveritiesAsRubyIndexesArrays() {
        assertThat(List.of(0, 1, 2, 3, 4, 255, -1, -2, -3, -4, -5)).extracting(Severity::ofStatus).containsExactly(
                Severity.OK, Severity.WARNING, Severity.CRITICAL, Severity.UNKNOWN, Severity.UNKNOWN, Severity.UNKNOWN,
                Severity.UNKNOWN, Severity.CRITICAL, Severity.WARNING, Severity.OK, Severity.UNKNOWN);
    }

    private static final OccurrencesFilter OCCURRENCES = new OccurrencesFilter();
    private static final Map<String, Object> THREE = Map.of("occurrences", 3L, "refresh", 1800L, "interval", 60L);

    @Test
    void occurrencesOnCreate() {
        List<Long> passing = new ArrayList<>();
        for (long occ = 1; occ <= 70; occ++) {
            Event e = event(EventAction.CREATE, 2, List.of("2"), occ, occ, THREE);
            if (!OCCURRENCES.filtered(e, e.toSensuMap())) {
                passing.add(occ);
            }
        }
        assertThat(passing).containsExactly(3L, 33L, 63L);
    }

    @Test
    void occurrencesOnResolveUseTheWatermark() {
        Event two = event(EventAction.RESOLVE, 0, List.of("2", "0"), 2, 2, THREE);
        Event three = event(EventAction.RESOLVE, 0, List.of("2", "0"), 1, 3, THREE);
        assertThat(OCCURRENCES.filtered(two, two.toSensuMap())).isTrue();
        assertThat(OCCURRENCES.filtered(three, three.toSensuMap())).isFalse();
    }

    @Test
    void refreshShorterThanTheIntervalPassesEveryOccurrence() {
        Map<String, Object> hourly = Map.of("occurrences", 3L, "refresh", 1800L, "interval", 3600L);
        for (long occ = 3; occ < 10; occ++) {
            Event e = event(EventAction.CREATE, 2, List.of("2"), occ, occ, hourly);
            assertThat(OCCURRENCES.filtered(e, e.toSensuMap())).as("occurrence %d", occ).isFalse();
        }
    }

    @Test
    void refreshAlsoAppliesToFlapping() {
        Event fourth = event(EventAction.FLAPPING, 2, List.of("2"), 4, 4, THREE);
        assertThat(OCCURRENCES.filtered(fourth, fourth.toSensuMap())).isTrue();
    }

    @Test
    void defaultsPassTheFirstOccurrenceThenEveryHalfHour() {
        List<Long> passing = new ArrayList<>();
        for (long occ = 1; occ <= 61; occ++) {
            Event e = event(EventAction.CREATE, 2, List.of("2"), occ, occ, Map.of());
            if (!OCCURRENCES.filtered(e, e.toSensuMap())) {
                passing.add(occ);
            }
        }
        assertThat(passing).as("occurrences 1, refresh 1800, interval 60").containsExactly(1L, 31L, 61L);
    }

    @Test
    void dependenciesFilterWhileADependencyHasAnEvent() {
        InMemoryEventState state = new InMemoryEventState();
        DependenciesFilter filter = new DependenciesFilter(state);
        Map<String, Object> db = Fixtures.client();
        db.put("name", "db-01");
        db.put("subscriptions", List.of("db-nodes"));
        Map<String, Object> mysql = Fixtures.check(2);
        mysql.put("name", "mysql");
        state.putEvent(new Event("x", db, mysql, 1, 1, null, null, EventAction.CREATE, 0, false, List.of()));
        for (String dependency : List.of("db-01/mysql", "subscription:db-nodes/mysql")) {
            Event e = event(EventAction.CREATE, 2, List.of("2"), 1, 1, Map.of("dependencies", List.of(dependency)));
            assertThat(filter.filtered(e, e.toSensuMap())).as(dependency).isTrue();
        }
        for (String dependency : List.of("mysql", "db-02/mysql", "subscription:web/mysql")) {
            Event e = event(EventAction.CREATE, 2, List.of("2"), 1, 1, Map.of("dependencies", List.of(dependency)));
            assertThat(filter.filtered(e, e.toSensuMap())).as(dependency).isFalse();
        }
    }
}
