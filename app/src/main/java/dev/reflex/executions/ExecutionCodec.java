package dev.reflex.executions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.template.PyJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an execution's stored document as JSON and reads it back, and formats times as StackStorm
 * does ({@code 2026-11-21T10:00:00.123456Z}).
 */
final class ExecutionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
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

    /** The JSON document of the fields that have no column. */
    static String doc(Execution e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("runner", e.runnerType());
        d.put("parameters", e.parameters());
        d.put("secrets", List.copyOf(e.secrets()));
        d.put("result", e.result());
        d.put("context", e.context());
        d.put("children", e.children());
        List<Object> log = new ArrayList<>();
        for (StatusChange c : e.log()) {
            log.add(List.of(c.status().value(), micros(c.timestamp())));
        }
        d.put("log", log);
        return write(d);
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
