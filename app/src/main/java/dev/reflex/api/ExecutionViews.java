package dev.reflex.api;

import dev.reflex.actions.Action;
import dev.reflex.executions.Execution;
import dev.reflex.executions.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Executions as StackStorm's {@code /api/v1/executions} shapes them, with secret parameters masked. */
final class ExecutionViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ExecutionViews() {
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    /**
     * The name of the workflow task an execution runs ({@code context.chain.name} for action-chains,
     * {@code context.orquesta.task_name} for graph workflows), or null.
     */
    static String taskName(Execution e) {
        for (String[] path : new String[][] {{"chain", "name"}, {"orquesta", "task_name"}, {"task", "name"}}) {
            if (e.context().get(path[0]) instanceof Map<?, ?> m && m.get(path[1]) != null) {
                return String.valueOf(m.get(path[1]));
            }
        }
        return null;
    }

    static Map<String, Object> execution(Execution e, Optional<Action> action, Instant now) {
        return withActionView(e, action.map(ActionViews::action), now);
    }

    /**
     * The execution's view with {@code actionView} (the action's view, or an already written form of
     * it) as its {@code action}; when the action is unknown, a minimal one from the execution.
     */
    static Map<String, Object> withActionView(Execution e, Optional<?> actionView, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        Object a = actionView.map(v -> (Object) v).orElseGet(() -> {
            Map<String, Object> minimal = new LinkedHashMap<>();
            int dot = e.actionRef().indexOf('.');
            minimal.put("ref", e.actionRef());
            minimal.put("pack", dot < 0 ? e.actionRef() : e.actionRef().substring(0, dot));
            minimal.put("name", e.actionRef().substring(dot + 1));
            minimal.put("runner_type", e.runnerType());
            return minimal;
        });
        m.put("action", a);
        m.put("runner", Map.of("name", e.runnerType()));
        m.put("liveaction", Map.of("id", e.id()));
        m.put("status", e.status().value());
        m.put("start_timestamp", time(e.startTimestamp()));
        m.put("end_timestamp", time(e.endTimestamp()));
        Instant end = e.endTimestamp() == null ? now : e.endTimestamp();
        m.put("elapsed_seconds", Math.max(0, Duration.between(e.startTimestamp(), end).toMillis()) / 1000.0);
        m.put("parameters", e.maskedParameters());
        m.put("result", e.result() == null ? Map.of() : e.result());
        m.put("context", e.context());
        if (e.ruleRef() != null) {
            m.put("rule", e.context().get("rule"));
        }
        if (e.triggerInstanceId() != null) {
            m.put("trigger_instance", e.context().get("trigger_instance"));
        }
        m.put("parent", e.parentId());
        m.put("children", e.children());
        List<Map<String, Object>> log = new ArrayList<>();
        for (StatusChange c : e.log()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", c.status().value());
            entry.put("timestamp", time(c.timestamp()));
            log.add(entry);
        }
        m.put("log", log);
        return m;
    }
}
