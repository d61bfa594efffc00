package dev.reflex.workflows.orquesta;

import dev.reflex.template.TemplateException;
import dev.reflex.workflows.orquesta.FlowState.TaskRun;
import dev.reflex.workflows.orquesta.FlowState.Unit;
import dev.reflex.workflows.orquesta.WorkflowSpec.Named;
import dev.reflex.workflows.orquesta.WorkflowSpec.Task;
import dev.reflex.workflows.orquesta.WorkflowSpec.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what one graph workflow does next, on its {@link FlowState}, without doing it: which child
 * executions to request, when the next delay ends, and how the workflow ends. The runner saves the
 * state after each decision and only then acts on it.
 */
final class Conductor {

    /** A child execution to request for a unit of a task run. */
    record Request(Unit unit, String taskName, String action, Map<String, Object> parameters,
                   Map<String, Object> context) {
    }

    /** What to do after a step: requests, the earliest delay deadline (0 for none), pause, or the end. */
    record Decision(List<Request> requests, long nextDue, boolean paused, Map<String, Object> ending) {
    }

    private final WorkflowSpec spec;
    private final FlowState state;
    private final Expressions expressions;
    private final Map<String, Object> st2;
    private final Function<String, Optional<String>> keyValues;

    Conductor(WorkflowSpec spec, FlowState state, Expressions expressions, Map<String, Object> st2,
              Function<String, Optional<String>> keyValues) {
        this.spec = spec;
        this.state = state;
        this.expressions = expressions;
        this.st2 = st2;
        this.keyValues = keyValues;
    }

    FlowState state() {
        return state;
    }

    private Scope scope() {
        return new Scope(state.ctx, st2, null, null, null, null, this::taskView, keyValues);
    }

    private Optional<Map<String, Object>> taskView(String name) {
        TaskRun r = state.latest(name);
        if (r == null) {
            return Optional.empty();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("task_id", r.name);
        view.put("task_name", r.name);
        view.put("status", r.status);
        view.put("result", r.result);
        return Optional.of(view);
    }

    /** Sets up the context from the workflow's parameters and schedules the start tasks; false on an error. */
    boolean begin(Map<String, Object> parameters, long now) {
        try {
            for (Named in : spec.input()) {
                state.ctx.put(in.name(), parameters.containsKey(in.name()) ? parameters.get(in.name())
                        : expressions.evaluate(in.value(), scope()));
            }
            for (Named v : spec.vars()) {
                state.ctx.put(v.name(), expressions.evaluate(v.value(), scope()));
            }
        } catch (RuntimeException e) {
            error(null, "the workflow's input or vars could not be evaluated: " + message(e), null);
            return false;
        }
        for (String t : spec.startTasks()) {
            schedule(t, now);
        }
        return true;
    }

    private void schedule(String name, long now) {
        Task t = spec.tasks().get(name);
        TaskRun r = new TaskRun();
        r.id = ++state.seq;
        r.name = name;
        state.tasks.add(r);
        if (t.delay() != null) {
            try {
                r.due = now + Math.round(expressions.number(t.delay(), scope(), "delay") * 1000);
            } catch (RuntimeException e) {
                runtimeError(r, "delay: " + message(e));
            }
        }
    }

    /** A child completed: records it on its unit; false when the unit does not wait for it (already seen). */
    boolean childDone(int runId, int index, int attempt, String status, Object result) {
        TaskRun r = state.run(runId);
        if (r == null || r.units == null || index >= r.units.size()) {
            return false;
        }
        Unit u = r.units.get(index);
        if (u.attempt != attempt || !u.status.equals("requested")) {
            return false;
        }
        u.status = status;
        u.result = result;
        return true;
    }

    /** A child could not even be requested (unknown action, invalid parameters): a runtime error. */
    void requestFailed(Unit unit, String message) {
        TaskRun r = state.run(unit.run);
        unit.status = "failed";
        unit.result = Map.of("error", message);
        runtimeError(r, message);
    }

    /** Moves the workflow as far as it goes now. */
    Decision step(long now) {
        List<Request> requests = new ArrayList<>();
        long nextDue = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TaskRun r : List.copyOf(state.tasks)) {
                if (r.completed()) {
                    continue;
                }
                if (r.units != null && r.units.stream().allMatch(u -> terminal(u.status))) {
                    complete(r, now);
                    changed = true;
                    continue;
                }
                if (!state.phase.equals("running")) {
                    continue;
                }
                if (r.due > now) {
                    nextDue = nextDue == 0 ? r.due : Math.min(nextDue, r.due);
                    continue;
                }
                if (r.units == null && !start(r, now)) {
                    changed = true;
                    continue;
                }
                changed |= request(r, requests);
            }
        }
        if (!state.running().isEmpty() || !requests.isEmpty()) {
            return new Decision(requests, nextDue, false, null);
        }
        if (state.phase.equals("pausing") || state.phase.equals("paused")) {
            state.phase = "paused";
            return new Decision(requests, nextDue, true, null);
        }
        boolean busy = state.phase.equals("running") && state.tasks.stream().anyMatch(r -> !r.completed());
        if (busy) {
            return new Decision(requests, nextDue, false, null);
        }
        state.ending = ending();
        return new Decision(requests, 0, false, state.ending);
    }

    private static boolean terminal(String unitStatus) {
        return !unitStatus.equals("pending") && !unitStatus.equals("requested");
    }

    /** Evaluates the items of a task that starts now; false when the task completed at once. */
    private boolean start(TaskRun r, long now) {
        Task t = spec.tasks().get(r.name);
        r.status = "running";
        r.units = new ArrayList<>();
        if (t.action() == null) {
            r.status = "succeeded";
            afterCompletion(r, now);
            return false;
        }
        int count = 1;
        if (t.items() != null) {
            try {
                Object items = expressions.evaluate(t.items().expression(), scope());
                if (!(items instanceof List<?> list)) {
                    throw new IllegalArgumentException("items must be a list, not " + items);
                }
                r.items = new ArrayList<>(list);
                r.itemNames = t.items().variables();
                count = list.size();
                if (t.items().concurrency() != null) {
                    r.concurrency = (int) expressions.number(t.items().concurrency(), scope(), "concurrency");
                }
            } catch (RuntimeException e) {
                runtimeError(r, "items: " + message(e));
                return false;
            }
        }
        for (int i = 0; i < count; i++) {
            Unit u = new Unit();
            u.run = r.id;
            u.index = i;
            u.attempt = r.attempt;
            r.units.add(u);
        }
        if (count == 0) {
            r.status = "succeeded";
            r.result = List.of();
            afterCompletion(r, now);
            return false;
        }
        return true;
    }

    private boolean request(TaskRun r, List<Request> requests) {
        Task t = spec.tasks().get(r.name);
        long running = r.units.stream().filter(u -> u.status.equals("requested")).count();
        boolean anyFailed = r.units.stream().anyMatch(u -> terminal(u.status) && !u.status.equals("succeeded"));
        boolean changed = false;
        for (Unit u : r.units) {
            if (!u.status.equals("pending")) {
                continue;
            }
            if (anyFailed) {
                u.status = "skipped";
                changed = true;
                continue;
            }
            if (r.concurrency != null && r.concurrency > 0 && running >= r.concurrency) {
                break;
            }
            Scope s = scope();
            if (r.items != null) {
                s = s.forItem(itemValue(r, u.index), r.itemNames);
            }
            Map<String, Object> params;
            String action;
            try {
                action = String.valueOf(expressions.evaluate(t.action(), s));
                Object p = expressions.evaluate(t.input(), s);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) p;
                params = m;
            } catch (RuntimeException e) {
                requestFailed(u, "input: " + message(e));
                return true;
            }
            u.status = "requested";
            running++;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("task_name", r.name);
            o.put("task_id", r.name);
            o.put("task_run", r.id);
            if (r.items != null) {
                o.put("item_id", u.index);
            }
            o.put("attempt", u.attempt);
            requests.add(new Request(u, r.name, action, params, Map.of("orquesta", o)));
            changed = true;
        }
        return changed;
    }

    private Object itemValue(TaskRun r, int index) {
        Object item = r.items.get(index);
        if (r.itemNames.size() > 1 && item instanceof List<?> values) {
            Map<String, Object> named = new LinkedHashMap<>();
            for (int i = 0; i < r.itemNames.size(); i++) {
                named.put(r.itemNames.get(i), i < values.size() ? values.get(i) : null);
            }
            return named;
        }
        return item;
    }

    /** All units of a run ended: its status and result, then a retry or its transitions. */
    private void complete(TaskRun r, long now) {
        String status = "succeeded";
        for (Unit u : r.units) {
            if (u.status.equals("canceled")) {
                status = "canceled";
            } else if (!u.status.equals("succeeded") && !u.status.equals("skipped") && !status.equals("canceled")) {
                status = u.status.equals("timeout") ? "timeout" : "failed";
            }
        }
        r.status = status;
        if (r.items == null) {
            r.result = r.units.get(0).result;
        } else {
            List<Object> results = new ArrayList<>();
            r.units.forEach(u -> results.add(u.result));
            r.result = results;
        }
        if (status.equals("canceled")) {
            if (!state.phase.equals("canceling")) {
                state.phase = "canceling";
            }
            return;
        }
        if (state.phase.equals("canceling") || r.units.stream().anyMatch(u -> u.status.equals("error"))) {
            return;
        }
        afterCompletion(r, now);
    }

    private void afterCompletion(TaskRun r, long now) {
        Task t = spec.tasks().get(r.name);
        Scope s = scope().forTask(r.status, r.result);
        try {
            if (t.retry() != null && r.attempt < (int) expressions.number(t.retry().count(), s, "retry count")
                    && (t.retry().when() == null ? !r.status.equals("succeeded") : expressions.holds(t.retry().when(), s))) {
                retry(r, t, s, now);
                return;
            }
        } catch (RuntimeException e) {
            runtimeError(r, "retry: " + message(e));
            return;
        }
        // Every condition is decided on the context as the task left it, before any transition publishes
        // (as Orquesta does): a value published by one transition must not change whether the next one holds.
        List<Transition> taken = new ArrayList<>();
        try {
            for (Transition tr : t.next()) {
                if (expressions.holds(tr.when(), s)) {
                    taken.add(tr);
                }
            }
        } catch (RuntimeException e) {
            runtimeError(r, "next: " + message(e));
            return;
        }
        boolean matched = !taken.isEmpty();
        for (Transition tr : taken) {
            try {
                for (Named p : tr.publish()) {
                    state.ctx.put(p.name(), expressions.evaluate(p.value(), s));
                }
            } catch (RuntimeException e) {
                runtimeError(r, "next: " + message(e));
                return;
            }
            for (String target : tr.targets()) {
                switch (target) {
                    case "fail" -> {
                        if (!state.phase.equals("canceling")) {
                            state.phase = "failing";
                        }
                        error(r.name, "the workflow was failed by the 'fail' command of task '" + r.name + "'",
                                r.status.equals("succeeded") ? null : r.result);
                    }
                    case "noop", "continue" -> {
                    }
                    case "retry" -> retry(r, t, s, now);
                    default -> route(r.name, target, now);
                }
            }
        }
        if (!matched && !r.status.equals("succeeded")) {
            state.phase = state.phase.equals("running") || state.phase.equals("failing") ? "failing" : state.phase;
            error(r.name, "Execution failed. See result for details.", r.result);
        }
    }

    private void retry(TaskRun r, Task t, Scope s, long now) {
        r.attempt++;
        r.status = "running";
        for (Unit u : r.units) {
            u.status = "pending";
            u.attempt = r.attempt;
            u.result = null;
            u.childId = null;
        }
        if (t.retry() != null && t.retry().delay() != null) {
            r.due = now + Math.round(expressions.number(t.retry().delay(), s, "retry delay") * 1000);
        } else {
            r.due = 0;
        }
        if (r.units.isEmpty()) {
            r.units = null;
        }
    }

    private void route(String from, String target, long now) {
        Task t = spec.tasks().get(target);
        if (t.join() == null) {
            schedule(target, now);
            return;
        }
        if (state.joined.contains(target)) {
            return;
        }
        List<String> arrived = state.joins.computeIfAbsent(target, k -> new ArrayList<>());
        if (!arrived.contains(from)) {
            arrived.add(from);
        }
        int needed = t.join() == 0 ? spec.inbound(target).size() : t.join();
        if (arrived.size() >= needed) {
            state.joins.remove(target);
            state.joined.add(target);
            schedule(target, now);
        }
    }

    private Map<String, Object> ending() {
        Map<String, Object> result = new LinkedHashMap<>();
        if (state.phase.equals("canceling")) {
            result.put("output", output(false));
            return Map.of("status", "canceled", "result", result);
        }
        if (!state.phase.equals("failing")) {
            state.joins.forEach((task, arrived) -> error(task, "task '" + task + "' waits for a join that can no "
                    + "longer be satisfied: reached from " + arrived + " of " + spec.inbound(task), null));
        }
        Object output = output(true);
        if (state.errors.isEmpty()) {
            result.put("output", output);
            return Map.of("status", "succeeded", "result", result);
        }
        result.put("errors", state.errors);
        result.put("output", output);
        return Map.of("status", "failed", "result", result);
    }

    private Object output(boolean reportErrors) {
        if (spec.output().isEmpty()) {
            return state.errors.isEmpty() ? Map.of() : null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Named o : spec.output()) {
            try {
                out.put(o.name(), expressions.evaluate(o.value(), scope()));
            } catch (RuntimeException e) {
                if (reportErrors) {
                    error(null, "output '" + o.name() + "': " + message(e), null);
                }
                out.put(o.name(), null);
            }
        }
        return out;
    }

    private void runtimeError(TaskRun r, String message) {
        if (r != null) {
            r.status = "failed";
        }
        if (!state.phase.equals("canceling")) {
            state.phase = "failing";
        }
        error(r == null ? null : r.name, message, null);
    }

    private void error(String task, String message, Object result) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "error");
        e.put("message", message);
        if (task != null) {
            e.put("task_id", task);
        }
        if (result != null) {
            e.put("result", result);
        }
        state.errors.add(e);
    }

    private static String message(RuntimeException e) {
        if (e instanceof TemplateException t) {
            return String.join("; ", t.problems()) + " in " + t.source();
        }
        return String.valueOf(e.getMessage());
    }
}
