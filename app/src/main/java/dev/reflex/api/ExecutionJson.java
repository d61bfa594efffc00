package dev.reflex.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes execution views ({@link ExecutionViews}) as JSON with Jackson's streaming generator rather
 * than databind: the view is a tree of maps, lists and scalars, which databind walks by looking up a
 * serializer for every value. The output is the same, byte for byte, as the UTF-8 of the string
 * {@code Json.mapper()} writes (what Javalin's {@code ctx.json} sent): maps in their order, nulls
 * kept, characters outside the BMP as UTF-8 rather than escaped surrogates, and any other value (a
 * time, a record in a result) handed to the mapper itself.
 */
final class ExecutionJson {

    /**
     * A generator factory as the mapper's, with characters outside the BMP written as UTF-8, and
     * buffers recycled through a shared pool: the default pool is per thread, and every response is
     * written on a new virtual thread, which would allocate fresh buffers each time.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

    private ExecutionJson() {
    }

    /** The value as JSON bytes: the UTF-8 of {@code Json.mapper().writeValueAsString(value)}. */
    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
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
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() instanceof String k) {
                        g.writeFieldName(k);
                    } else {
                        key(g, e.getKey());
                    }
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
            default -> Json.mapper().writeValue(g, v);
        }
    }

    /** A map key that is not a string, written by the mapper's key serializers (a null key fails as there). */
    private static void key(JsonGenerator g, Object key) throws IOException {
        SerializerProvider provider = Json.mapper().getSerializerProviderInstance();
        JsonSerializer<Object> serializer = key == null ? provider.getDefaultNullKeySerializer()
                : provider.findKeySerializer(key.getClass(), null);
        serializer.serialize(key, g, provider);
    }
}
