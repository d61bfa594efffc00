package dev.reflex.workflows.chain;

import dev.reflex.runners.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable record of a running chain, saved in {@code workflow_state} on every task transition:
 * the task that runs and as which child execution, the task to start when a paused chain resumes,
 * the tasks completed (name and execution id; their results are read back from the executions),
 * the rendered {@code vars}, the published values, and the error that ended it, if any. Chain
 * parameters are not kept here (they are the execution's own), so no secret is copied.
 */
final class ChainProgress {

    /** A completed task: its name and the child execution that ran it. */
    record Done(String name, String executionId) {
    }

    String current;
    String currentExecution;
    String next;
    String error;
    final List<Done> done = new ArrayList<>();
    Map<String, Object> vars = new LinkedHashMap<>();
    final Map<String, Object> published = new LinkedHashMap<>();

    /** The variables the templates see: {@code vars}, then what was published (later wins). */
    Map<String, Object> variables() {
        Map<String, Object> all = new LinkedHashMap<>(vars);
        all.putAll(published);
        return all;
    }

    String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("current", current);
        doc.put("current_execution", currentExecution);
        doc.put("next", next);
        doc.put("error", error);
        doc.put("done", done.stream().map(d -> Map.of("name", d.name(), "execution_id", d.executionId())).toList());
        doc.put("vars", vars);
        doc.put("published", published);
        return Json.write(doc);
    }

    @SuppressWarnings("unchecked")
    static ChainProgress fromJson(String json) {
        Map<String, Object> doc = (Map<String, Object>) Json.parse(json)
                .filter(Map.class::isInstance).orElseThrow(() -> new IllegalStateException("chain state is not a JSON object"));
        ChainProgress p = new ChainProgress();
        p.current = (String) doc.get("current");
        p.currentExecution = (String) doc.get("current_execution");
        p.next = (String) doc.get("next");
        p.error = (String) doc.get("error");
        for (Object o : (List<Object>) doc.getOrDefault("done", List.of())) {
            Map<String, Object> d = (Map<String, Object>) o;
            p.done.add(new Done((String) d.get("name"), (String) d.get("execution_id")));
        }
        p.vars = new LinkedHashMap<>((Map<String, Object>) doc.getOrDefault("vars", Map.of()));
        p.published.putAll((Map<String, Object>) doc.getOrDefault("published", Map.of()));
        return p;
    }
}
