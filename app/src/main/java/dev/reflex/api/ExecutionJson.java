package dev.reflex.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.reflex.checks.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

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
     * written on a new virtual thread, which would allocate fresh buffers each time. Values other than
     * plain data (and maps with keys that are not strings) go to the mapper, its codec.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build()
            .setCodec(Json.mapper());

    private ExecutionJson() {
    }

    /** The value as JSON bytes: the UTF-8 of {@code Json.mapper().writeValueAsString(value)}. */
    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JsonValues.writeTree(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
