package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory state keeps each pair's latest check result as JSON text: what a reader gets back
 * must be the same attributes (numbers as JSON reads them), each reader its own copy.
 */
class InMemoryEventStateTest {

    private final InMemoryEventState state = new InMemoryEventState();
    private final ResultKey key = new ResultKey("web-1", "disk");

    private static Map<String, Object> check() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "disk");
        check.put("status", 2);
        check.put("output", "CRITICAL: /var 97% \"full\"\n");
        check.put("ttl", 30L);
        check.put("ratio", 0.5);
        check.put("handle", false);
        check.put("source", null);
        check.put("subscribers", List.of("all", "roundrobin:web"));
        check.put("custom", Map.of("team", "ops", "levels", List.of(1, 2)));
        return check;
    }

    @Test
    void aStoredResultReadsBackWithItsAttributesInOrder() {
        state.recordResult(key, check(), 2, null, true);

        Map<String, Object> read = state.result(key).orElseThrow();
        assertThat(read.keySet()).containsExactly("name", "status", "output", "ttl", "ratio", "handle", "source",
                "subscribers", "custom");
        assertThat(read).containsEntry("status", 2L).containsEntry("ttl", 30L).containsEntry("ratio", 0.5)
                .containsEntry("handle", false).containsEntry("source", null)
                .containsEntry("output", "CRITICAL: /var 97% \"full\"\n")
                .containsEntry("subscribers", List.of("all", "roundrobin:web"))
                .containsEntry("custom", Map.of("team", "ops", "levels", List.of(1L, 2L)));
        assertThat(state.resultKeys()).containsExactly(key);
        assertThat(state.ttlKeys()).containsExactly(key);
        assertThat(state.hasTtl(key)).isTrue();
        assertThat(state.hasTtl(new ResultKey("web-1", "load"))).isFalse();
        state.removeTtl(key);
        assertThat(state.hasTtl(key)).isFalse();
    }

    @Test
    void changingWhatWasRecordedOrWhatWasReadChangesNothingStored() {
        Map<String, Object> recorded = check();
        state.recordResult(key, recorded, 2, null, false);
        recorded.put("status", 0);

        Map<String, Object> first = state.result(key).orElseThrow();
        first.put("output", "changed by a reader");
        @SuppressWarnings("unchecked")
        List<Object> subscribers = (List<Object>) first.get("subscribers");
        subscribers.clear();

        Map<String, Object> second = state.result(key).orElseThrow();
        assertThat(second).containsEntry("status", 2L).containsEntry("output", "CRITICAL: /var 97% \"full\"\n")
                .containsEntry("subscribers", List.of("all", "roundrobin:web"));
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void theHistoryAndTheLatestResultMoveTogether() {
        Map<String, Object> ok = new LinkedHashMap<>(check());
        ok.put("status", 0);
        state.recordResult(key, check(), 2, null, false);
        StatusHistory history = state.recordResult(key, ok, 0, 1_700_000_000L, false);

        assertThat(history.statuses()).containsExactly(2, 0);
        assertThat(history.lastOk()).isEqualTo(1_700_000_000L);
        assertThat(state.result(key).orElseThrow()).containsEntry("status", 0L);
        assertThat(state.resultJson(key).orElseThrow()).startsWith("{\"name\":\"disk\",\"status\":0,");

        state.deleteResult(key);
        assertThat(state.result(key)).isEmpty();
        assertThat(state.resultKeys()).isEmpty();
        assertThat(state.history(key).size()).isZero();
    }

    @Test
    void untilCommittedDropsTheTextOfACommittedResultButNotOfANewerOne() {
        InMemoryEventState lean = InMemoryEventState.untilCommitted();
        String first = "{\"name\":\"disk\",\"status\":2}";
        lean.recordResult(key, check(), first, 2, null, true);
        assertThat(lean.latest(key)).contains(new InMemoryEventState.Latest(first));
        String second = new String(first); // an equal text of a newer result: only the same text is dropped
        lean.recordResult(key, check(), second, 2, null, true);
        lean.committed(key, first);
        assertThat(lean.latest(key).orElseThrow().text()).isSameAs(second);
        lean.committed(key, second);
        assertThat(lean.latest(key)).contains(new InMemoryEventState.Latest(null));
        assertThat(lean.result(key)).as("the text is in the table now").isEmpty();
        assertThat(lean.resultKeys()).containsExactly(key);
        assertThat(lean.resultFacts(key)).contains(new ResultFacts(null, 30L, false, 2));
        assertThat(lean.history(key).statuses()).containsExactly(2, 2);

        Event event = new Event("id-1", Map.of("name", "web-1"), check(), 2, 2, null, 5L, EventAction.CREATE, 9,
                false, List.of());
        lean.putEvent(event);
        assertThat(lean.latestEvent(key)).contains(new InMemoryEventState.LatestEvent(event));
        lean.eventCommitted(key, event);
        assertThat(lean.latestEvent(key)).contains(new InMemoryEventState.LatestEvent(null));
        assertThat(lean.event(key)).isEmpty();
        assertThat(lean.eventFacts(key)).contains(new EventFacts(key, "id-1", EventAction.CREATE, 2, 2, 5L,
                Map.of("name", "web-1")));
        assertThat(lean.deleteEvent(key)).isTrue();
        assertThat(lean.latestEvent(key)).isEmpty();

        state.recordResult(key, check(), first, 2, null, false);
        state.committed(key, first);
        assertThat(state.result(key)).as("a state keeping every result keeps it").isPresent();
    }
}
