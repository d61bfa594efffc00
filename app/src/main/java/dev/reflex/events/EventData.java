package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The data a mutator produced for a handler: either the event as a JSON object (the {@code json}
 * mutator, serialised only if a handler needs bytes), or raw bytes (a pipe mutator's output,
 * {@code only_check_output}, {@code ruby_hash}).
 */
public final class EventData {

    private final Map<String, Object> object;
    private volatile byte[] bytes;

    private EventData(Map<String, Object> object, byte[] bytes) {
        this.object = object;
        this.bytes = bytes;
    }

    /** Data that is a JSON object. */
    public static EventData ofObject(Map<String, Object> object) {
        return new EventData(object, null);
    }

    /** Raw data. */
    public static EventData ofBytes(byte[] bytes) {
        return new EventData(null, bytes);
    }

    /** The data as bytes (a JSON object is serialised once, on first use). */
    public byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            b = JsonValues.write(object).getBytes(StandardCharsets.UTF_8);
            bytes = b;
        }
        return b;
    }

    /** The data as a JSON object: the object itself, or raw bytes that parse as one. */
    public Optional<Map<String, Object>> asObject() {
        if (object != null) {
            return Optional.of(object);
        }
        try {
            return Optional.ofNullable(JsonValues.asMap(JsonValues.read(new String(bytes, StandardCharsets.UTF_8))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when there is nothing to send. */
    public boolean isEmpty() {
        return object == null && bytes.length == 0;
    }
}
