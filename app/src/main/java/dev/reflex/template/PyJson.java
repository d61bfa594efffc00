package dev.reflex.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as StackStorm writes and reads it: Python's {@code json.dumps} formatting, strict decoding
 * into plain values, and the conversion between Jackson trees and plain values.
 *
 * <p>Plain values are {@code LinkedHashMap<String, Object>}, {@code ArrayList<Object>},
 * {@code String}, {@code Long} or {@code BigInteger} for integers, {@code Double}, {@code Boolean}
 * and null.
 */
public final class PyJson {

    private static final ObjectMapper STRICT = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()).build()) // shared: the default pool is per (virtual) thread
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PyJson() {
    }

    /** Python's {@code json.dumps(value)} with its defaults: separators {@code ", "} and {@code ": "}, ASCII only. */
    public static String dumps(Object value) {
        return dumps(value, -1, false, ", ", ": ", true);
    }

    /**
     * Python's {@code json.dumps} with options.
     *
     * @param indent    spaces per level, or negative for a single line
     * @param sortKeys  whether object keys are sorted
     * @param itemSep   what separates items ({@code ", "} or {@code ","})
     * @param keySep    what separates a key from its value
     * @param ascii     whether non-ASCII characters are written as {@code \}{@code uXXXX}
     */
    public static String dumps(Object value, int indent, boolean sortKeys, String itemSep, String keySep, boolean ascii) {
        StringBuilder b = new StringBuilder();
        write(b, value, indent, 0, sortKeys, itemSep, keySep, ascii);
        return b.toString();
    }

    private static void write(StringBuilder b, Object value, int indent, int level, boolean sortKeys,
                              String itemSep, String keySep, boolean ascii) {
        switch (value) {
            case null -> b.append("null");
            case PyNone n -> b.append("null");
            case KeyValueLookup.Missing m -> quote(b, "", ascii);
            case CharSequence s -> quote(b, s.toString(), ascii);
            case Boolean bool -> b.append(bool ? "true" : "false");
            case Double d -> b.append(jsonFloat(d));
            case Float f -> b.append(jsonFloat(f.doubleValue()));
            case BigDecimal d -> b.append(jsonFloat(d.doubleValue()));
            case Number n -> b.append(n instanceof BigInteger bi ? bi.toString() : Long.toString(n.longValue()));
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    b.append("{}");
                    return;
                }
                List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
                if (sortKeys) {
                    entries.sort((x, y) -> String.valueOf(x.getKey()).compareTo(String.valueOf(y.getKey())));
                }
                b.append('{');
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        b.append(itemSep);
                    }
                    newline(b, indent, level + 1);
                    quote(b, keyString(entries.get(i).getKey()), ascii);
                    b.append(keySep);
                    write(b, entries.get(i).getValue(), indent, level + 1, sortKeys, itemSep, keySep, ascii);
                }
                newline(b, indent, level);
                b.append('}');
            }
            case Iterable<?> list -> {
                Iterator<?> it = list.iterator();
                if (!it.hasNext()) {
                    b.append("[]");
                    return;
                }
                b.append('[');
                boolean first = true;
                while (it.hasNext()) {
                    if (!first) {
                        b.append(itemSep);
                    }
                    first = false;
                    newline(b, indent, level + 1);
                    write(b, it.next(), indent, level + 1, sortKeys, itemSep, keySep, ascii);
                }
                newline(b, indent, level);
                b.append(']');
            }
            default -> throw new IllegalArgumentException("Object of type " + value.getClass().getSimpleName()
                    + " is not JSON serializable");
        }
    }

    private static String keyString(Object key) {
        return switch (key) {
            case null -> "null";
            case Boolean bool -> bool ? "true" : "false";
            case Double d -> PyRepr.floatRepr(d);
            default -> String.valueOf(key);
        };
    }

    private static void newline(StringBuilder b, int indent, int level) {
        if (indent >= 0) {
            b.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static String jsonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyRepr.floatRepr(d);
    }

    private static void quote(StringBuilder b, String s, boolean ascii) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || (ascii && c > 0x7e)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * Decodes strict JSON text (no NaN, no comments, nothing after the value) into a plain value.
     *
     * @throws IllegalArgumentException when the text is not JSON
     */
    public static Object loads(String text) {
        try {
            return toPlain(STRICT.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes the text when it is strict JSON, as {@link #loads(String)}; otherwise returns
     * {@code fallback}. A JSON {@code null} decodes to null, so pass a fallback that cannot be
     * confused with a decoded value when the difference matters.
     */
    public static Object loadsOr(String text, Object fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return toPlain(STRICT.readTree(text));
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }

    /** The plain value of a Jackson tree (null for a null or missing node). */
    public static Object toPlain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), toPlain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(toPlain(item));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBinary() || node.isPojo()) {
            return node.asText();
        }
        return node.asText();
    }

    /** The plain map of a Jackson object (empty for anything else). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toPlainMap(JsonNode node) {
        Object plain = toPlain(node);
        return plain instanceof Map<?, ?> ? (Map<String, Object>) plain : Collections.emptyMap();
    }

    /**
     * Whether {@link #plainCopy} of the value would equal it in every type as well as in content: maps
     * with string keys, lists, strings, booleans, longs, doubles, integers too large for a long, and
     * null, all the way down. Such a value needs no copy to be read as JSON data.
     */
    public static boolean isPlain(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Boolean b -> true;
            case Long l -> true;
            case Double d -> true;
            case BigInteger bi -> bi.bitLength() >= 64;
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String) || !isPlain(e.getValue())) {
                        yield false;
                    }
                }
                yield true;
            }
            case List<?> list -> {
                for (Object v : list) {
                    if (!isPlain(v)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    /**
     * A deep copy of a plain value as JSON data: exactly {@code toPlain(toNode(value))}, without
     * building the tree. Maps become {@link LinkedHashMap}s with string keys, iterables
     * {@link ArrayList}s, integral numbers {@link Long} (or {@link BigInteger} beyond a long), other
     * numbers {@link Double}, {@code None} null, a missing key-value lookup the empty string, and
     * anything else its string form.
     */
    public static Object plainCopy(Object value) {
        return switch (value) {
            case null -> null;
            case PyNone n -> null;
            case KeyValueLookup.Missing m -> "";
            case String s -> s;
            case CharSequence s -> s.toString();
            case Boolean bool -> bool;
            case Long l -> l;
            case Integer i -> (long) i;
            case BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
            case BigDecimal d -> d.doubleValue();
            case Double d -> d;
            case Float d -> d.doubleValue();
            case Number n -> n.longValue();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
                map.forEach((k, v) -> copy.put(String.valueOf(k), plainCopy(v)));
                yield copy;
            }
            case Collection<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(plainCopy(v)));
                yield copy;
            }
            case Iterable<?> list -> {
                List<Object> copy = new ArrayList<>();
                list.forEach(v -> copy.add(plainCopy(v)));
                yield copy;
            }
            default -> String.valueOf(value);
        };
    }

    /** The Jackson tree of a plain value. */
    public static JsonNode toNode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case null -> f.nullNode();
            case PyNone n -> f.nullNode();
            case KeyValueLookup.Missing m -> f.textNode("");
            case CharSequence s -> f.textNode(s.toString());
            case Boolean bool -> f.booleanNode(bool);
            case BigInteger bi -> f.numberNode(bi);
            case BigDecimal d -> f.numberNode(d);
            case Double d -> f.numberNode(d);
            case Float d -> f.numberNode(d.doubleValue());
            case Number n -> f.numberNode(n.longValue());
            case Map<?, ?> map -> {
                ObjectNode o = f.objectNode();
                map.forEach((k, v) -> o.set(String.valueOf(k), toNode(v)));
                yield o;
            }
            case Iterable<?> list -> {
                ArrayNode a = f.arrayNode();
                list.forEach(v -> a.add(toNode(v)));
                yield a;
            }
            default -> f.textNode(String.valueOf(value));
        };
    }
}
