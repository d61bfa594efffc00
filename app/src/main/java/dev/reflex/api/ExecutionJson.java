package dev.reflex.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes execution views ({@link ExecutionViews}) as JSON with Jackson's streaming generator rather
 * than databind: the view is a tree of maps, lists and scalars, which databind walks by looking up a
 * serializer for every value. The output is the same, byte for byte, as {@code Json.mapper()}
 * writes it: maps in their order, nulls kept, and any other value (a time, a record in a result)
 * handed to the mapper itself.
 */
final class ExecutionJson {

    private ExecutionJson() {
    }

    /** The value as JSON bytes, as {@code Json.mapper().writeValueAsBytes(value)} writes it. */
    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Map<?, ?> m when stringKeys(m) -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) {
                    write(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeObject(v);
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
