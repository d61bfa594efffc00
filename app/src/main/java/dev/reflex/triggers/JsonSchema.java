package dev.reflex.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.template.PyJson;
import dev.reflex.template.PyRegex;
import dev.reflex.template.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
        boolean object = schema != null && schema.isObject();
        boolean defaults = object && hasDefaults(schema);
        Object value = !defaults && PyJson.isPlain(instance) ? instance : PyJson.plainCopy(instance);
        List<SchemaViolation> out = new ArrayList<>();
        if (object) {
            if (defaults) {
                value = applyDefaults(schema, value);
            }
            check(schema, value, "", out);
        }
        return new Result(value, List.copyOf(out));
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
        } else if (instance instanceof List<?> l && schema.has("items") && schema.get("items").isObject()) {
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    list.set(i, applyDefaults(schema.get("items"), list.get(i)));
                }
            }
        }
        return instance;
    }

    private static void check(JsonNode s, Object v, String path, List<SchemaViolation> out) {
        if (s == null || !s.isObject()) {
            return;
        }
        if (s.has("type") && !typeMatches(s.get("type"), v)) {
            fail(out, path, () -> PyRepr.repr(v) + " is not of type " + typeNames(s.get("type")));
            return;
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode option : s.get("enum")) {
                found |= pyEquals(PyJson.toPlain(option), v);
            }
            if (!found) {
                fail(out, path, () -> PyRepr.repr(v) + " is not one of " + PyRepr.repr(PyJson.toPlain(s.get("enum"))));
            }
        }
        switch (v) {
            case Map<?, ?> map -> checkObject(s, map, path, out);
            case List<?> list -> checkArray(s, list, path, out);
            case String str -> checkString(s, str, path, out);
            case Boolean b -> {
            }
            case Number n -> checkNumber(s, n, path, out);
            case null, default -> {
            }
        }
        if (s.has("allOf")) {
            for (JsonNode sub : s.get("allOf")) {
                check(sub, v, path, out);
            }
        }
        if (s.has("anyOf") && countValid(s.get("anyOf"), v, path) == 0) {
            fail(out, path, () -> PyRepr.repr(v) + " is not valid under any of the given schemas");
        }
        if (s.has("oneOf")) {
            int n = countValid(s.get("oneOf"), v, path);
            if (n != 1) {
                fail(out, path, () -> PyRepr.repr(v) + (n == 0 ? " is not valid under any of the given schemas"
                        : " is valid under each of " + n + " of the given schemas"));
            }
        }
        if (s.has("not") && countValid(List.of(s.get("not")), v, path) == 1) {
            fail(out, path, () -> PyRepr.repr(v) + " should not be valid under " + s.get("not"));
        }
    }

    /**
     * Records a violation. A {@link Probe} only counts them, so that trying the alternatives of
     * {@code anyOf}, {@code oneOf} and {@code not} does not render messages (the instance's repr) that
     * nobody reads: that was most of the cost of validating a valid webhook payload.
     */
    private static void fail(List<SchemaViolation> out, String path, Supplier<String> message) {
        out.add(out instanceof Probe ? Probe.FAILED : new SchemaViolation(path, message.get()));
    }

    /** The violations of a trial: counted, not described. */
    private static final class Probe extends ArrayList<SchemaViolation> {
        static final SchemaViolation FAILED = new SchemaViolation("", "invalid");
    }

    private static int countValid(Iterable<JsonNode> schemas, Object v, String path) {
        int n = 0;
        for (JsonNode sub : schemas) {
            List<SchemaViolation> trial = new Probe();
            check(sub, v, path, trial);
            n += trial.isEmpty() ? 1 : 0;
        }
        return n;
    }

    private static void checkObject(JsonNode s, Map<?, ?> map, String path, List<SchemaViolation> out) {
        JsonNode props = s.get("properties");
        Set<String> required = new HashSet<>();
        if (s.has("required") && s.get("required").isArray()) {
            s.get("required").forEach(r -> required.add(r.asText()));
        }
        if (props != null) {
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                JsonNode sub = p.getValue();
                if (sub.path("required").asBoolean(false)) {
                    required.add(p.getKey());
                }
                if (map.containsKey(p.getKey())) {
                    Object value = map.get(p.getKey());
                    boolean nullAllowed = value == null && !required.contains(p.getKey())
                            && (!sub.has("default") || sub.get("default").isNull());
                    if (!nullAllowed) {
                        check(sub, value, path + "/" + pointer(p.getKey()), out);
                    }
                }
            }
        }
        for (String r : required) {
            if (!map.containsKey(r)) {
                fail(out, path, () -> PyRepr.repr(r) + " is a required property");
            }
        }
        JsonNode patterns = s.get("patternProperties");
        JsonNode additional = s.get("additionalProperties");
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            boolean known = props != null && props.has(key);
            if (patterns != null) {
                for (Map.Entry<String, JsonNode> pp : patterns.properties()) {
                    if (PyRegex.compile(pp.getKey(), 0).find(key)) {
                        known = true;
                        check(pp.getValue(), e.getValue(), path + "/" + pointer(key), out);
                    }
                }
            }
            if (!known && additional != null) {
                if (additional.isBoolean() && !additional.booleanValue()) {
                    unexpected.add(key);
                } else if (additional.isObject()) {
                    check(additional, e.getValue(), path + "/" + pointer(key), out);
                }
            }
        }
        if (!unexpected.isEmpty()) {
            fail(out, path, () -> "Additional properties are not allowed ("
                    + String.join(", ", unexpected.stream().map(PyRepr::repr).toList())
                    + (unexpected.size() == 1 ? " was" : " were") + " unexpected)");
        }
        if (s.has("minProperties") && map.size() < s.get("minProperties").asInt()) {
            fail(out, path, () -> PyRepr.repr(map) + " does not have enough properties");
        }
        if (s.has("maxProperties") && map.size() > s.get("maxProperties").asInt()) {
            fail(out, path, () -> PyRepr.repr(map) + " has too many properties");
        }
    }

    private static void checkArray(JsonNode s, List<?> list, String path, List<SchemaViolation> out) {
        JsonNode items = s.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < list.size(); i++) {
                check(items, list.get(i), path + "/" + i, out);
            }
        } else if (items != null && items.isArray()) {
            for (int i = 0; i < Math.min(items.size(), list.size()); i++) {
                check(items.get(i), list.get(i), path + "/" + i, out);
            }
            JsonNode more = s.get("additionalItems");
            if (more != null && more.isBoolean() && !more.booleanValue() && list.size() > items.size()) {
                fail(out, path, () -> "Additional items are not allowed");
            } else if (more != null && more.isObject()) {
                for (int i = items.size(); i < list.size(); i++) {
                    check(more, list.get(i), path + "/" + i, out);
                }
            }
        }
        if (s.has("minItems") && list.size() < s.get("minItems").asInt()) {
            fail(out, path, () -> PyRepr.repr(list) + " is too short");
        }
        if (s.has("maxItems") && list.size() > s.get("maxItems").asInt()) {
            fail(out, path, () -> PyRepr.repr(list) + " is too long");
        }
        if (s.path("uniqueItems").asBoolean(false)) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (pyEquals(list.get(i), list.get(j))) {
                        fail(out, path, () -> PyRepr.repr(list) + " has non-unique elements");
                        return;
                    }
                }
            }
        }
    }

    private static void checkString(JsonNode s, String str, String path, List<SchemaViolation> out) {
        int length = str.codePointCount(0, str.length());
        if (s.has("minLength") && length < s.get("minLength").asInt()) {
            fail(out, path, () -> PyRepr.repr(str) + " is too short");
        }
        if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
            fail(out, path, () -> PyRepr.repr(str) + " is too long");
        }
        if (s.has("pattern") && !PyRegex.compile(s.get("pattern").asText(), 0).find(str)) {
            fail(out, path, () -> PyRepr.repr(str) + " does not match " + PyRepr.repr(s.get("pattern").asText()));
        }
    }

    private static void checkNumber(JsonNode s, Number n, String path, List<SchemaViolation> out) {
        BigDecimal value = decimal(n);
        if (s.has("minimum")) {
            int c = value.compareTo(s.get("minimum").decimalValue());
            boolean exclusive = s.path("exclusiveMinimum").asBoolean(false);
            if (c < 0 || (exclusive && c == 0)) {
                fail(out, path, () -> PyRepr.repr(n) + " is less than " + (exclusive ? "or equal to " : "the minimum of ")
                        + PyRepr.repr(PyJson.toPlain(s.get("minimum"))));
            }
        }
        if (s.has("maximum")) {
            int c = value.compareTo(s.get("maximum").decimalValue());
            boolean exclusive = s.path("exclusiveMaximum").asBoolean(false);
            if (c > 0 || (exclusive && c == 0)) {
                fail(out, path, () -> PyRepr.repr(n) + " is greater than " + (exclusive ? "or equal to " : "the maximum of ")
                        + PyRepr.repr(PyJson.toPlain(s.get("maximum"))));
            }
        }
        if (s.has("multipleOf")) {
            BigDecimal m = s.get("multipleOf").decimalValue();
            if (m.signum() != 0 && value.remainder(m).signum() != 0) {
                fail(out, path, () -> PyRepr.repr(n) + " is not a multiple of " + PyRepr.repr(PyJson.toPlain(s.get("multipleOf"))));
            }
        }
    }

    private static boolean typeMatches(JsonNode type, Object v) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, v)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            case "integer" -> v instanceof Long || v instanceof BigInteger || v instanceof Integer
                    || (v instanceof Double d && !d.isInfinite() && d == Math.rint(d));
            case "number" -> v instanceof Number;
            case "any" -> true;
            default -> false;
        };
    }

    private static String typeNames(JsonNode type) {
        if (!type.isArray()) {
            return PyRepr.repr(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(PyRepr.repr(t.asText())));
        return String.join(", ", names);
    }

    private static BigDecimal decimal(Number n) {
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

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
