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
}
