package dev.reflex.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between Jackson trees and the plain Java values the Sensu model works on.
 *
 * <p>Sensu definitions, results and events are open JSON hashes: custom attributes travel with them.
 * Inside Reflex they are {@code Map<String, Object>} trees whose leaves are {@link String},
 * {@link Long} (every JSON integer that fits), {@link BigInteger} (larger ones), {@link Double},
 * {@link Boolean} or {@code null}; objects are insertion-ordered maps and arrays are lists. The
 * distinction between integers and floats matters: Sensu's rules such as "interval must be an
 * Integer" reject {@code 60.0}.
 *
 * <p>{@link #read} and {@link #write} of plain values stream with Jackson's parser and generator and
 * never touch the object mapper, which is created on first use of {@link #mapper()} (or of
 * {@link #write} with other values): a small process such as the agent then never loads the mapper's
 * several hundred classes.
 */
public final class JsonValues {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()) // shared: the default pool is per (virtual) thread
            .build();

    private JsonValues() {
    }

    /** Holds the mapper, so that it is built on first use only. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new JsonMapper(FACTORY);
    }

    /** The mapper used to read and write Sensu JSON; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /** Converts a Jackson tree into plain Java values (see the class comment for the types). */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), toJava(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(toJava(item));
            }
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /**
     * Parses a JSON text into plain Java values (the first value in it; an empty text is null). A
     * repeated key in an object is an error.
     */
    public static Object read(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : readValue(parser, first);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the value that starts at the parser's current token as plain Java values, as
     * {@link #read(String)} does, leaving the parser on the value's last token. Whether a repeated
     * key is an error is the parser's factory's setting.
     */
    public static Object readCurrent(JsonParser parser) throws IOException {
        return readValue(parser, parser.currentToken());
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    map.put(name, readValue(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, item));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getBigIntegerValue() : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /** Serialises plain Java values to compact JSON (other values through the object mapper). */
    public static String write(Object value) {
        try {
            if (!plain(value)) {
                return mapper().writeValueAsString(value);
            }
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                writeTree(generator, value);
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a value with a generator in one pass: plain values (see the class comment; also
     * {@link Integer}, {@link Float} and {@link BigDecimal}) are streamed, and anything else, or a
     * map with a key that is not a string, goes through the generator's codec, so the output is the
     * codec's own for any value. Much cheaper than the mapper's serialisers for plain trees, which
     * look up a serialiser for every value. The generator must come from an object mapper (its
     * factory) when the value may hold anything else.
     */
    public static void writeTree(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case Boolean b -> generator.writeBoolean(b);
            case Long l -> generator.writeNumber(l);
            case Integer i -> generator.writeNumber(i);
            case Double d -> generator.writeNumber(d);
            case Float f -> generator.writeNumber(f);
            case BigInteger b -> generator.writeNumber(b);
            case BigDecimal b -> generator.writeNumber(b);
            case Map<?, ?> map -> {
                for (Object key : map.keySet()) {
                    if (!(key instanceof String)) {
                        generator.writeObject(map);
                        return;
                    }
                }
                generator.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    generator.writeFieldName((String) e.getKey());
                    writeTree(generator, e.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray();
                for (Object item : list) {
                    writeTree(generator, item);
                }
                generator.writeEndArray();
            }
            default -> generator.writeObject(value);
        }
    }

    /** Whether {@code value} is a tree of plain values, which {@link #writeTree} writes without the mapper. */
    private static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Double || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** True for the values Ruby would call an {@code Integer}. */
    public static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }

    /** True for the values Ruby would call {@code Numeric}. */
    public static boolean isNumeric(Object value) {
        return value instanceof Number;
    }

    /** The value as a long if it is an integer that fits, otherwise null. */
    public static Long asLong(Object value) {
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        return isInteger(value) ? ((Number) value).longValue() : null;
    }

    /** The value as a double if it is a number, otherwise null. */
    public static Double asDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** The value as an int if it is an integer within int range, otherwise null. */
    public static Integer asInt(Object value) {
        Long l = asLong(value);
        return l != null && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? l.intValue() : null;
    }

    /** The value as a map if it is a JSON object, otherwise null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The value as a list if it is a JSON array, otherwise null. */
    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : null;
    }

    /** Ruby truthiness: everything except {@code nil} and {@code false} is true. */
    public static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value);
    }

    /** A deep, mutable copy of a JSON-like tree. */
    public static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    /** A deep, mutable copy of a JSON object. */
    public static Map<String, Object> deepCopyMap(Map<String, Object> map) {
        return asMap(deepCopy(map));
    }

    /**
     * Numeric equality as Ruby's {@code ==} sees it ({@code 1 == 1.0}), and plain equality for
     * everything else.
     */
    public static boolean rubyEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (!isFinite(x) || !isFinite(y)) {
                return x.doubleValue() == y.doubleValue();
            }
            return toBigDecimal(x).compareTo(toBigDecimal(y)) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !rubyEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!rubyEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    static boolean isFinite(Number n) {
        return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
    }

    /** The exact decimal value of a finite number. */
    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** Escapes one JSON-pointer segment ({@code ~} and {@code /}). */
    public static String escapePointer(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Joins JSON-pointer segments, escaping each: {@code pointer("checks", "a/b")} is {@code /checks/a~1b}. */
    public static String pointer(String... segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(escapePointer(s));
        }
        return b.toString();
    }
}
