package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepMergeTest {

    @Test
    void mergesObjectsConcatenatesArraysWithoutDuplicatesAndReplacesTheRest() {
        Map<String, Object> left = Map.of("checks", Map.of("merger", Map.of("command", "old", "subscribers", List.of("foo"),
                "interval", 30L)), "keep", 1L, "list", List.of(1L, 2L));
        Map<String, Object> right = Map.of("checks", Map.of("merger", Map.of("command", "new", "subscribers", List.of("bar", "foo"),
                "interval", 60L)), "list", List.of(2L, 3L, 1.0));
        Map<String, Object> merged = DeepMerge.merge(left, right);
        assertThat(merged.get("keep")).isEqualTo(1L);
        assertThat(merged.get("list")).isEqualTo(List.of(1L, 2L, 3L, 1.0));
        @SuppressWarnings("unchecked")
        Map<String, Object> merger = (Map<String, Object>) ((Map<String, Object>) merged.get("checks")).get("merger");
        assertThat(merger).containsEntry("command", "new").containsEntry("interval", 60L);
        assertThat(merger.get("subscribers")).isEqualTo(List.of("foo", "bar"));
        assertThat(left.get("list")).as("inputs are not modified").isEqualTo(List.of(1L, 2L));
    }

    @Test
    void anObjectReplacesAScalarAndViceVersa() {
        assertThat(DeepMerge.merge(Map.of("a", 1L), Map.of("a", Map.of("b", 2L)))).isEqualTo(Map.of("a", Map.of("b", 2L)));
        assertThat(DeepMerge.merge(Map.of("a", Map.of("b", 2L)), Map.of("a", "x"))).isEqualTo(Map.of("a", "x"));
    }
}
