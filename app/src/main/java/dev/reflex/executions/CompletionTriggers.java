package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import dev.reflex.template.TemplateValues;
import dev.reflex.triggers.TriggerEmitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a completed execution emits: {@code core.st2.generic.actiontrigger} with StackStorm's payload
 * ({@code execution_id status start_timestamp action_name action_ref runner_ref parameters result},
 * secrets masked), and one {@code core.st2.generic.notifytrigger} per route of each {@code notify}
 * section that applies ({@code on-complete} always, {@code on-success} or {@code on-failure} by
 * outcome), its {@code message} and {@code data} rendered over {@code action_parameters},
 * {@code action_context}, {@code action_results} and {@code st2kv}.
 *
 * <p>The {@code notify} section is the action's, unless the execution's context has a {@code notify}
 * map: a workflow sets it on a task's child execution (an action-chain node's own {@code notify}, or
 * an empty map for a task listed in {@code skip_notify}), and it then replaces the action's.
 */
final class CompletionTriggers {

    static final String ACTION_TRIGGER = "core.st2.generic.actiontrigger";
    static final String NOTIFY_TRIGGER = "core.st2.generic.notifytrigger";
    private static final Logger LOG = LoggerFactory.getLogger(CompletionTriggers.class);

    private final TriggerEmitter emitter;
    private final TemplateEngine templates;
    private final Function<String, Optional<String>> keyValues;

    CompletionTriggers(TriggerEmitter emitter, TemplateEngine templates, Function<String, Optional<String>> keyValues) {
        this.emitter = emitter;
        this.templates = templates;
        this.keyValues = keyValues;
        if (emitter == null) {
            LOG.info("no trigger emitter is wired: completed executions emit no actiontrigger or notifytrigger");
        }
    }

    /** The actiontrigger payload of a completed execution. */
    static Map<String, Object> actionTriggerPayload(Execution e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("execution_id", e.id());
        p.put("status", e.status().value());
        p.put("start_timestamp", ExecutionCodec.time(e.startTimestamp()));
        p.put("action_name", e.actionRef().substring(e.actionRef().indexOf('.') + 1));
        p.put("action_ref", e.actionRef());
        p.put("runner_ref", e.runnerType());
        p.put("parameters", e.maskedParameters());
        p.put("result", e.result());
        return p;
    }

    /** Emits everything a completion emits; a failure to emit is logged, never thrown. */
    void completed(Execution e, Optional<Action> action) {
        if (emitter == null) {
            return;
        }
        emit(ACTION_TRIGGER, actionTriggerPayload(e), e);
        notifications(e, notifySettings(e, action)).forEach(p -> emit(NOTIFY_TRIGGER, p, e));
    }

    /** The {@code notify} section that applies: the context's {@code notify} map, else the action's. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> notifySettings(Execution e, Optional<Action> action) {
        if (e.context().get("notify") instanceof Map<?, ?> own) {
            return (Map<String, Object>) own;
        }
        return action.map(Action::notifications).orElse(Map.of());
    }

    /** The notifytrigger payloads of an execution under a {@code notify} section. */
    List<Map<String, Object>> notifications(Execution e, Map<String, Object> notify) {
        if (notify.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> sections = new ArrayList<>(List.of("on-complete"));
        sections.add(e.status() == ExecutionStatus.SUCCEEDED ? "on-success" : "on-failure");
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("action_parameters", TemplateValues.view(e.maskedParameters()));
        ctx.put("action_context", TemplateValues.view(e.context()));
        ctx.put("action_results", TemplateValues.view(e.result()));
        ctx.put("st2kv", Map.of("system", new KeyValueLookup(keyValues)));
        for (String section : sections) {
            if (!(notify.get(section) instanceof Map<?, ?> spec)) {
                continue;
            }
            Object message = render(spec.get("message"), ctx, e);
            Object data = render(spec.get("data"), ctx, e);
            List<?> routes = spec.get("routes") instanceof List<?> r ? r
                    : spec.get("channels") instanceof List<?> c ? c : List.of();
            for (Object route : routes) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("execution_id", e.id());
                p.put("status", e.status().value());
                p.put("start_timestamp", ExecutionCodec.time(e.startTimestamp()));
                p.put("end_timestamp", ExecutionCodec.time(e.endTimestamp()));
                p.put("action_ref", e.actionRef());
                p.put("runner_ref", e.runnerType());
                p.put("channel", String.valueOf(route));
                p.put("route", String.valueOf(route));
                p.put("message", message);
                p.put("data", data == null ? Map.of() : data);
                p.put("context", e.context());
                out.add(p);
            }
        }
        return out;
    }

    private Object render(Object value, Map<String, Object> ctx, Execution e) {
        try {
            return switch (value) {
                case String s -> templates.render(s, ctx);
                case Map<?, ?> m -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> entry : m.entrySet()) {
                        out.put(String.valueOf(entry.getKey()), render(entry.getValue(), ctx, e));
                    }
                    yield out;
                }
                case List<?> l -> l.stream().map(v -> render(v, ctx, e)).toList();
                case null, default -> value;
            };
        } catch (TemplateException ex) {
            LOG.warn("execution {}: notify template failed to render, sent as written: {}", e.id(),
                    String.join("; ", ex.problems()));
            return value;
        }
    }

    /** Emits without waiting for the commit: the completion is already durable and nobody waits on this. */
    private void emit(String trigger, Map<String, Object> payload, Execution e) {
        emitter.emitAsync(trigger, payload, null).exceptionally(ex -> {
            LOG.error("execution {}: emitting {} failed: {}", e.id(), trigger, ex.toString());
            return null;
        });
    }
}
