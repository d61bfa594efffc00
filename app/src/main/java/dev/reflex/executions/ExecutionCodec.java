package dev.reflex.executions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.checks.JsonValues;
import dev.reflex.template.PyJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an execution's stored document as JSON and reads it back, and formats times as StackStorm
 * does ({@code 2026-11-21T10:00:00.123456Z}).
 */
final class ExecutionCodec {

    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()).build()); // shared: the default pool is per (virtual) thread
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ExecutionCodec() {
    }

    /** Epoch microseconds. */
    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** The instant of epoch microseconds. */
    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** StackStorm's timestamp text, or null. */
    static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    /**
     * The JSON document of the fields that have no column: {@code runner}, {@code parameters},
     * {@code secrets}, {@code result}, {@code context}, {@code children}, and {@code log} as
     * {@code [status, epoch micros]} pairs. Written field by field (no intermediate map), as it is
     * for every status an execution reaches.
     */
    static String doc(Execution e) {
        java.io.StringWriter out = new java.io.StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("runner", e.runnerType());
            g.writeFieldName("parameters");
            JsonValues.writeTree(g, e.parameters());
            g.writeArrayFieldStart("secrets");
            for (String s : e.secrets()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeFieldName("result");
            JsonValues.writeTree(g, e.result());
            g.writeFieldName("context");
            JsonValues.writeTree(g, e.context());
            g.writeArrayFieldStart("children");
            for (String c : e.children()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("log");
            for (StatusChange c : e.log()) {
                g.writeStartArray();
                g.writeString(c.status().value());
                g.writeNumber(micros(c.timestamp()));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("execution " + e.id() + " cannot be written as JSON: " + ex.getMessage(), ex);
        }
        return out.toString();
    }

    /** JSON text of plain data. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Plain data of JSON text. */
    static Object read(String json) {
        try {
            return PyJson.toPlain(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
        }
    }

    /** The execution of one stored row. */
    @SuppressWarnings("unchecked")
    static Execution execution(String id, String actionRef, String status, long start, Long end, String parentId,
                               String doc) {
        Map<String, Object> d = (Map<String, Object>) read(doc);
        List<StatusChange> log = new ArrayList<>();
        for (Object entry : (List<Object>) d.getOrDefault("log", List.of())) {
            List<Object> pair = (List<Object>) entry;
            log.add(new StatusChange(ExecutionStatus.parse((String) pair.get(0)).orElseThrow(),
                    instant(((Number) pair.get(1)).longValue())));
        }
        List<String> secrets = new ArrayList<>();
        ((List<Object>) d.getOrDefault("secrets", List.of())).forEach(s -> secrets.add(String.valueOf(s)));
        List<String> children = new ArrayList<>();
        ((List<Object>) d.getOrDefault("children", List.of())).forEach(s -> children.add(String.valueOf(s)));
        return new Execution(id, actionRef, String.valueOf(d.get("runner")),
                (Map<String, Object>) d.getOrDefault("parameters", Map.of()), Set.copyOf(secrets),
                ExecutionStatus.parse(status).orElseThrow(() -> new IllegalStateException("unknown status " + status)),
                instant(start), end == null ? null : instant(end), (Map<String, Object>) d.get("result"),
                (Map<String, Object>) d.getOrDefault("context", Map.of()), parentId, children, log);
    }
}
