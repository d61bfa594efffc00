package dev.reflex.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.template.PyJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON-schema validation StackStorm applies to trigger payloads and parameters: draft 4, with
 * draft 3's {@code "required": true} inside a property, defaults filled in, and an optional
 * property whose default is null (or that has no default) also accepting null.
 *
 * <p>Supported: {@code type}, {@code enum}, {@code properties}, {@code required} (both forms),
 * {@code additionalProperties}, {@code patternProperties}, {@code minProperties},
 * {@code maxProperties}, {@code items} (one schema or a list), {@code additionalItems},
 * {@code minItems}, {@code maxItems}, {@code uniqueItems}, {@code minLength}, {@code maxLength},
 * {@code pattern}, {@code minimum}, {@code maximum} (with the draft-4 boolean exclusives),
 * {@code multipleOf}, {@code anyOf}, {@code allOf}, {@code oneOf}, {@code not}, {@code default}.
 * {@code format} is ignored, as StackStorm validates without a format checker. {@code $ref} is not
 * supported.
 */
public final class JsonSchema {

    private JsonSchema() {
    }

    /**
     * The outcome of a validation.
     *
     * @param value      the instance with defaults filled in, as plain JSON data: the instance itself
     *                   when it already is plain data ({@link PyJson#isPlain}) and the schema has no
     *                   default to fill in, else a copy; the input is never changed
     * @param violations what does not conform; empty when the instance is valid
     */
    public record Result(Object value, List<SchemaViolation> violations) {
        /** Whether the instance conforms. */
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** Validates plain data against a schema, filling in defaults. */
    public static Result validate(JsonNode schema, Object instance) {
        return compile(schema).validate(instance);
    }

    /**
     * A schema read once, for validating many instances: its keywords are taken out of the JSON
     * tree, its patterns compiled and its sub-schemas compiled in turn, so that a validation reads no
     * JSON. A null or non-object schema accepts anything.
     */
    public static Compiled compile(JsonNode schema) {
        return new Compiled(schema);
    }

    /** A compiled schema ({@link #compile}). Immutable and thread-safe. */
    public static final class Compiled {
        private final JsonNode schema;
        private final boolean defaults;
        private final SchemaNode root;

        private Compiled(JsonNode schema) {
            boolean object = schema != null && schema.isObject();
            this.schema = schema;
            this.defaults = object && hasDefaults(schema);
            this.root = object ? new SchemaNode(schema) : null;
        }

        /** Validates plain data, filling in defaults (see {@link Result#value}). */
        public Result validate(Object instance) {
            Object value = !defaults && PyJson.isPlain(instance) ? instance : PyJson.plainCopy(instance);
            if (root == null) {
                return new Result(value, List.of());
            }
            if (defaults) {
                value = applyDefaults(schema, value);
            }
            List<SchemaViolation> out = new ArrayList<>(0);
            root.check(value, "", out);
            return new Result(value, List.copyOf(out));
        }
    }

    /** Whether {@link #applyDefaults} could fill anything in: a default where it looks for one. */
    private static boolean hasDefaults(JsonNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                if (p.getValue().has("default") || hasDefaults(p.getValue())) {
                    return true;
                }
            }
        }
        JsonNode items = schema.get("items");
        return items != null && items.isObject() && hasDefaults(items);
    }

    @SuppressWarnings("unchecked")
    private static Object applyDefaults(JsonNode schema, Object instance) {
        if (instance instanceof Map<?, ?> m && schema.has("properties")) {
            Map<String, Object> map = (Map<String, Object>) m;
            for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                JsonNode sub = p.getValue();
                if (!map.containsKey(p.getKey()) && sub.has("default")) {
                    map.put(p.getKey(), PyJson.toPlain(sub.get("default")));
                }
                if (map.get(p.getKey()) != null) {
                    map.put(p.getKey(), applyDefaults(sub, map.get(p.getKey())));
                }
            }
        }
        if (instance instanceof List<?> l && schema.has("items") && schema.get("items").isObject()) {
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    list.set(i, applyDefaults(schema.get("items"), list.get(i)));
                }
            }
        }
        return instance;
    }

    static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigInteger bi -> new BigDecimal(bi);
            case BigDecimal d -> d;
            case Double d -> BigDecimal.valueOf(d);
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /** Python {@code ==} on plain data: numbers by value, containers element by element. */
    static boolean pyEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !pyEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!pyEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }
}
