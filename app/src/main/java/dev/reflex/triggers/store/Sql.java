package dev.reflex.triggers.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small JDBC and JSON helpers for the trigger and rule repositories: bind parameters, map rows,
 * read and write JSON documents as plain data (integers as {@code Long}, as the rest of Reflex does).
 */
public final class Sql {

    // Buffers recycled through a shared pool: the default pool is per thread, and webhooks are parsed
    // and answered on new virtual threads, which would allocate fresh buffers for every document.
    // Emojis and other characters beyond the BMP are written as UTF-8 in byte output too, as in text.
    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private static final AtomicLong LAST_SEQ = new AtomicLong();

    private Sql() {
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** Maps the current row. */
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs a query on a reader connection and maps every row. */
    public static <T> List<T> query(Store store, String sql, List<?> parameters, RowMapper<T> mapper, String what) {
        List<T> rows = new ArrayList<>();
        try (Connection c = store.readers().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
        return rows;
    }

    /** Runs an update on the writer's connection inside a {@link Store.Write}. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, java.util.Arrays.asList(parameters));
            return ps.executeUpdate();
        }
    }

    /** Binds parameters in order; nulls are bound as SQL NULL. */
    public static void bind(PreparedStatement ps, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p == null) {
                ps.setObject(i + 1, null);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Plain data (maps, lists, strings, numbers, booleans, null) or a Jackson tree as JSON text. */
    public static String json(Object value) {
        java.io.StringWriter out = new java.io.StringWriter(128);
        write(() -> JSON.createGenerator(out), value);
        return out.toString();
    }

    /** {@link #json(Object)} as UTF-8 bytes, written directly (no intermediate string). */
    public static byte[] jsonBytes(Object value) {
        com.fasterxml.jackson.core.util.ByteArrayBuilder out = new com.fasterxml.jackson.core.util.ByteArrayBuilder(256);
        write(() -> JSON.getFactory().createGenerator(out), value);
        return out.toByteArray();
    }

    /** Opens the generator a document is written with. */
    @FunctionalInterface
    private interface GeneratorSource {
        com.fasterxml.jackson.core.JsonGenerator open() throws java.io.IOException;
    }

    private static void write(GeneratorSource target, Object value) {
        try (com.fasterxml.jackson.core.JsonGenerator g = target.open()) {
            dev.reflex.checks.JsonValues.writeTree(g, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** JSON text as plain data; null for null text. */
    public static Object plain(String text) {
        if (text == null) {
            return null;
        }
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(text)) {
            return readWhole(parser);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON document is unreadable: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One JSON document (UTF-8) as plain data: objects as {@code LinkedHashMap}, arrays as
     * {@code ArrayList}, integers as {@code Long} or, beyond its range, {@code BigInteger}, other
     * numbers as {@code Double}. A repeated key keeps its last value. Anything but whitespace after
     * the value is an error, and so is a text without a value.
     *
     * @throws JsonProcessingException with the location of the first error
     */
    public static Object readJson(byte[] utf8) throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.getFactory().createParser(utf8)) {
            return readWhole(parser);
        }
    }

    private static Object readWhole(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException {
        if (parser.nextToken() == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "no JSON value in the text");
        }
        Object value = dev.reflex.checks.JsonValues.readCurrent(parser);
        if (parser.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected content after the JSON value");
        }
        return value;
    }

    /** JSON text of an object as a map; an empty map for null text. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plainMap(String text) {
        Object v = plain(text);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The shared mapper (integers read as Long); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * A sequence number that orders rows written in the same millisecond: increasing within this
     * process, and about the epoch microsecond so that it keeps increasing across restarts.
     */
    public static long nextSeq(long epochMillis) {
        long candidate = epochMillis * 1000;
        return LAST_SEQ.updateAndGet(last -> Math.max(last + 1, candidate));
    }

    /**
     * Appends {@code AND column >= ?} and {@code AND column <= ?} for the bounds that are set (as
     * epoch milliseconds), and their parameters.
     */
    public static void timeRange(StringBuilder where, List<Object> params, String column, java.time.Instant from,
                                 java.time.Instant to) {
        if (from != null) {
            where.append(" AND ").append(column).append(" >= ?");
            params.add(from.toEpochMilli());
        }
        if (to != null) {
            where.append(" AND ").append(column).append(" <= ?");
            params.add(to.toEpochMilli());
        }
    }

    /** The placeholder list {@code ?, ?, ?} for {@code n} parameters. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
