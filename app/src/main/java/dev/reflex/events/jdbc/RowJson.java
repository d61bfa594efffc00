package dev.reflex.events.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reflex.checks.JsonValues;
import dev.reflex.events.StatusHistory;
import java.io.IOException;

/**
 * Writes the JSON bodies of the Sensu rows, compact, on the thread that made the change (before it
 * is queued). The buffers Jackson writes into come from one shared pool instead of Jackson's
 * default per-thread cache: the engine processes each result on a new virtual thread, where a
 * per-thread cache is empty every time and would allocate fresh buffers for every row.
 */
final class RowJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build()).build();

    private RowJson() {
    }

    /**
     * Any value the engine keeps (maps, lists, strings, numbers, booleans, null) as JSON, the same text
     * as the mapper's. Plain data is streamed without the mapper's serializer lookups (a fifth of the
     * engine's CPU at 50,000 results/s went to them); anything else is handed to the mapper.
     */
    static String write(Object value) {
        return render(g -> JsonValues.writeTree(g, value));
    }

    /**
     * A result row's body: {@code {"check": {…}, "history": [statuses, oldest first], "last_ok": n,
     * "ttl": b}}, as {@link SensuTables#load} reads it back; {@code checkJson} is the check
     * attributes already written as a JSON object ({@link #write}).
     */
    static String result(String checkJson, StatusHistory history, boolean ttl) {
        return render(g -> body(g, checkJson, history, ttl));
    }

    /** What a generator over the shared buffer pool writes, as a string. */
    private static String render(Body body) {
        JsonFactory factory = MAPPER.getFactory();
        BufferRecycler buffers = factory._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(buffers)) {
            try (JsonGenerator g = MAPPER.createGenerator(out)) {
                body.write(g);
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        } finally {
            buffers.releaseToPool();
        }
    }

    /** Writes one JSON value. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static void body(JsonGenerator g, String checkJson, StatusHistory history, boolean ttl)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName("check");
        g.writeRawValue(checkJson);
        g.writeFieldName("history");
        g.writeStartArray();
        for (int i = 0; i < history.size(); i++) {
            g.writeNumber(history.get(i));
        }
        g.writeEndArray();
        g.writeFieldName("last_ok");
        if (history.lastOk() == null) {
            g.writeNull();
        } else {
            g.writeNumber(history.lastOk());
        }
        g.writeBooleanField("ttl", ttl);
        g.writeEndObject();
    }
}
