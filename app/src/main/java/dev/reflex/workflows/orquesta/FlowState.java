package dev.reflex.workflows.orquesta;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable state of one graph workflow, saved as JSON after every decision and before it is acted
 * on: the context, every task run with its items and attempts, the joins waiting for their inbound
 * tasks, delay deadlines, errors, and the ending once decided. Mutable; guarded by the runner's lock
 * for the workflow.
 */
final class FlowState {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** {@code running}, {@code pausing}, {@code paused}, {@code canceling} or {@code failing}. */
    String phase = "running";
    Map<String, Object> ctx = new LinkedHashMap<>();
    List<TaskRun> tasks = new ArrayList<>();
    /** Join tasks not yet started: the tasks that have reached each so far. */
    Map<String, List<String>> joins = new LinkedHashMap<>();
    /** Join tasks that have started: later arrivals are ignored (a join starts its task once). */
    List<String> joined = new ArrayList<>();
    List<Map<String, Object>> errors = new ArrayList<>();
    int seq;
    /** The ending once decided: {@code status} and {@code result}. */
    Map<String, Object> ending;

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("workflow state cannot be written: " + e.getOriginalMessage(), e);
        }
    }

    static FlowState fromJson(String json) {
        try {
            return JSON.readValue(json, FlowState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("workflow state cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The latest run of a task, or null. */
    TaskRun latest(String name) {
        for (int i = tasks.size() - 1; i >= 0; i--) {
            if (tasks.get(i).name.equals(name)) {
                return tasks.get(i);
            }
        }
        return null;
    }

    TaskRun run(int id) {
        for (TaskRun r : tasks) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }

    /** The units whose child execution was requested and has not reported completion. */
    List<Unit> running() {
        List<Unit> out = new ArrayList<>();
        for (TaskRun r : tasks) {
            if (r.units != null) {
                r.units.stream().filter(u -> u.status.equals("requested")).forEach(out::add);
            }
        }
        return out;
    }

    /** One run of a task (a task reached again by a loop or a second branch is a new run). */
    static final class TaskRun {
        int id;
        String name;
        /** {@code waiting} (before it starts), {@code running}, or a completed task status. */
        String status = "waiting";
        /** When a delay or a retry delay ends (the clock's millis), 0 for none. */
        long due;
        int attempt;
        /** The items of a with-items task, evaluated when it starts; null for a plain task. */
        List<Object> items;
        List<String> itemNames;
        Integer concurrency;
        /** One unit per item (one for a plain task); null before the task starts. */
        List<Unit> units;
        Object result;

        boolean completed() {
            return !status.equals("waiting") && !status.equals("running");
        }
    }

    /** One child execution of a task run: the task's action, or one item of it. */
    static final class Unit {
        int run;
        int index;
        int attempt;
        /** {@code pending}, {@code requested}, or the child's completed status. */
        String status = "pending";
        String childId;
        Object result;
    }
}
