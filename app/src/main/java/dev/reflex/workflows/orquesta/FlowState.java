package dev.reflex.workflows.orquesta;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.checks.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
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
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
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

    /**
     * The state as JSON, written field by field: the same document Jackson's field access would give
     * (null fields left out, null values inside the context and results kept), without its reflective
     * bean machinery, since a workflow saves its state after every decision. {@link #fromJson} reads
     * it back.
     */
    String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (phase != null) {
                g.writeStringField("phase", phase);
            }
            field(g, "ctx", ctx);
            if (tasks != null) {
                g.writeArrayFieldStart("tasks");
                for (TaskRun r : tasks) {
                    r.write(g);
                }
                g.writeEndArray();
            }
            field(g, "joins", joins);
            field(g, "joined", joined);
            field(g, "errors", errors);
            g.writeNumberField("seq", seq);
            field(g, "ending", ending);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("workflow state cannot be written: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void field(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            JsonValues.writeTree(g, value);
        }
    }

    /** {@link #toJson} through Jackson's field access, which it must equal; for tests. */
    String toJsonReflectively() {
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

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("id", id);
            if (name != null) {
                g.writeStringField("name", name);
            }
            if (status != null) {
                g.writeStringField("status", status);
            }
            g.writeNumberField("due", due);
            g.writeNumberField("attempt", attempt);
            field(g, "items", items);
            field(g, "itemNames", itemNames);
            if (concurrency != null) {
                g.writeNumberField("concurrency", concurrency);
            }
            if (units != null) {
                g.writeArrayFieldStart("units");
                for (Unit u : units) {
                    u.write(g);
                }
                g.writeEndArray();
            }
            field(g, "result", result);
            g.writeEndObject();
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

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("run", run);
            g.writeNumberField("index", index);
            g.writeNumberField("attempt", attempt);
            if (status != null) {
                g.writeStringField("status", status);
            }
            if (childId != null) {
                g.writeStringField("childId", childId);
            }
            field(g, "result", result);
            g.writeEndObject();
        }
    }
}
