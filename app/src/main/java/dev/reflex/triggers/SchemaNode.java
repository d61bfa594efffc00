package dev.reflex.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.template.PyJson;
import dev.reflex.template.PyRegex;
import dev.reflex.template.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One schema object with its keywords read out; {@link #check} applies them in the order the
 * validator always has, so that violations come in the same order with the same messages.
 */
final class SchemaNode {

    private final JsonNode source;
    /** The type names, an array's (and a nested array's) flattened; null without {@code type}. */
    private final String[] types;
    private final String typeNames;
    private final List<Object> enumValues;
    private final String enumRepr;
    private final Property[] properties;
    private final Map<String, Property> propertiesByName;
    private final Set<String> required;
    private final PatternProperty[] patternProperties;
    private final boolean noAdditionalProperties;
    private final SchemaNode additionalProperties;
    private final Integer minProperties;
    private final Integer maxProperties;
    private final SchemaNode items;
    private final SchemaNode[] itemList;
    private final boolean noAdditionalItems;
    private final SchemaNode additionalItems;
    private final Integer minItems;
    private final Integer maxItems;
    private final boolean uniqueItems;
    private final Integer minLength;
    private final Integer maxLength;
    private final LazyRegex pattern;
    private final String patternText;
    private final BigDecimal minimum;
    private final boolean exclusiveMinimum;
    private final BigDecimal maximum;
    private final boolean exclusiveMaximum;
    private final BigDecimal multipleOf;
    private final SchemaNode[] allOf;
    private final SchemaNode[] anyOf;
    private final SchemaNode[] oneOf;
    private final boolean hasNot;
    private final SchemaNode not;

    SchemaNode(JsonNode s) {
        source = s;
        JsonNode type = s.get("type");
        if (type != null) {
            List<String> leaves = new ArrayList<>();
            typeLeaves(type, leaves);
            types = leaves.toArray(String[]::new);
            typeNames = typeNames(type);
        } else {
            types = null;
            typeNames = null;
        }
        JsonNode options = s.get("enum");
        if (options != null) {
            List<Object> values = new ArrayList<>();
            for (JsonNode option : options) {
                values.add(PyJson.toPlain(option));
            }
            enumValues = values;
            enumRepr = PyRepr.repr(PyJson.toPlain(options));
        } else {
            enumValues = null;
            enumRepr = null;
        }
        JsonNode props = s.get("properties");
        // built in the order the validator always added to it, so that missing properties are
        // reported in the same order
        Set<String> req = new HashSet<>();
        if (s.has("required") && s.get("required").isArray()) {
            s.get("required").forEach(r -> req.add(r.asText()));
        }
        if (props != null) {
            List<Property> list = new ArrayList<>();
            Map<String, Property> byName = new java.util.HashMap<>();
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                JsonNode sub = p.getValue();
                if (sub.path("required").asBoolean(false)) {
                    req.add(p.getKey());
                }
                Property property = new Property(p.getKey(), pointer(p.getKey()), compiled(sub),
                        !sub.has("default") || sub.get("default").isNull());
                list.add(property);
                byName.put(p.getKey(), property);
            }
            properties = list.toArray(Property[]::new);
            propertiesByName = byName;
        } else {
            properties = null;
            propertiesByName = null;
        }
        required = req;
        JsonNode patterns = s.get("patternProperties");
        if (patterns != null) {
            List<PatternProperty> list = new ArrayList<>();
            for (Map.Entry<String, JsonNode> pp : patterns.properties()) {
                list.add(new PatternProperty(new LazyRegex(pp.getKey()), compiled(pp.getValue())));
            }
            patternProperties = list.toArray(PatternProperty[]::new);
        } else {
            patternProperties = null;
        }
        JsonNode additional = s.get("additionalProperties");
        noAdditionalProperties = additional != null && additional.isBoolean() && !additional.booleanValue();
        additionalProperties = additional != null && additional.isObject() ? compiled(additional) : null;
        minProperties = s.has("minProperties") ? s.get("minProperties").asInt() : null;
        maxProperties = s.has("maxProperties") ? s.get("maxProperties").asInt() : null;
        JsonNode itemsNode = s.get("items");
        items = itemsNode != null && itemsNode.isObject() ? compiled(itemsNode) : null;
        if (itemsNode != null && itemsNode.isArray()) {
            itemList = new SchemaNode[itemsNode.size()];
            for (int i = 0; i < itemList.length; i++) {
                itemList[i] = compiled(itemsNode.get(i));
            }
            JsonNode more = s.get("additionalItems");
            noAdditionalItems = more != null && more.isBoolean() && !more.booleanValue();
            additionalItems = more != null && more.isObject() ? compiled(more) : null;
        } else {
            itemList = null;
            noAdditionalItems = false;
            additionalItems = null;
        }
        minItems = s.has("minItems") ? s.get("minItems").asInt() : null;
        maxItems = s.has("maxItems") ? s.get("maxItems").asInt() : null;
        uniqueItems = s.path("uniqueItems").asBoolean(false);
        minLength = s.has("minLength") ? s.get("minLength").asInt() : null;
        maxLength = s.has("maxLength") ? s.get("maxLength").asInt() : null;
        patternText = s.has("pattern") ? s.get("pattern").asText() : null;
        pattern = patternText == null ? null : new LazyRegex(patternText);
        minimum = s.has("minimum") ? s.get("minimum").decimalValue() : null;
        exclusiveMinimum = s.path("exclusiveMinimum").asBoolean(false);
        maximum = s.has("maximum") ? s.get("maximum").decimalValue() : null;
        exclusiveMaximum = s.path("exclusiveMaximum").asBoolean(false);
        multipleOf = s.has("multipleOf") ? s.get("multipleOf").decimalValue() : null;
        allOf = all(s.get("allOf"));
        anyOf = all(s.get("anyOf"));
        oneOf = all(s.get("oneOf"));
        hasNot = s.has("not");
        not = hasNot ? compiled(s.get("not")) : null;
    }

    /** A sub-schema; null for one that is not an object (it constrains nothing). */
    private static SchemaNode compiled(JsonNode s) {
        return s != null && s.isObject() ? new SchemaNode(s) : null;
    }

    private static SchemaNode[] all(JsonNode list) {
        if (list == null) {
            return null;
        }
        List<SchemaNode> nodes = new ArrayList<>();
        for (JsonNode sub : list) {
            nodes.add(compiled(sub));
        }
        return nodes.toArray(SchemaNode[]::new);
    }

    void check(Object v, String path, List<SchemaViolation> out) {
        if (types != null && !typeMatches(types, v)) {
            fail(out, path, () -> PyRepr.repr(v) + " is not of type " + typeNames);
            return;
        }
        if (enumValues != null) {
            boolean found = false;
            for (Object option : enumValues) {
                found |= JsonSchema.pyEquals(option, v);
            }
            if (!found) {
                fail(out, path, () -> PyRepr.repr(v) + " is not one of " + enumRepr);
            }
        }
        switch (v) {
            case Map<?, ?> map -> checkObject(map, path, out);
            case List<?> list -> checkArray(list, path, out);
            case String str -> checkString(str, path, out);
            case Boolean b -> {
            }
            case Number n -> checkNumber(n, path, out);
            case null, default -> {
            }
        }
        if (allOf != null) {
            for (SchemaNode sub : allOf) {
                checkAgainst(sub, v, path, out);
            }
        }
        if (anyOf != null && countValid(anyOf, v, path) == 0) {
            fail(out, path, () -> PyRepr.repr(v) + " is not valid under any of the given schemas");
        }
        if (oneOf != null) {
            int n = countValid(oneOf, v, path);
            if (n != 1) {
                fail(out, path, () -> PyRepr.repr(v) + (n == 0 ? " is not valid under any of the given schemas"
                        : " is valid under each of " + n + " of the given schemas"));
            }
        }
        if (hasNot && countValid(new SchemaNode[] {not}, v, path) == 1) {
            fail(out, path, () -> PyRepr.repr(v) + " should not be valid under " + source.get("not"));
        }
    }

    private void checkObject(Map<?, ?> map, String path, List<SchemaViolation> out) {
        if (properties != null) {
            for (Property p : properties) {
                if (map.containsKey(p.name())) {
                    Object value = map.get(p.name());
                    boolean nullAllowed = value == null && !required.contains(p.name()) && p.nullableWhenOptional();
                    if (!nullAllowed) {
                        checkAgainst(p.schema(), value, path + "/" + p.pointer(), out);
                    }
                }
            }
        }
        for (String r : required) {
            if (!map.containsKey(r)) {
                fail(out, path, () -> PyRepr.repr(r) + " is a required property");
            }
        }
        if (patternProperties != null || noAdditionalProperties || additionalProperties != null) {
            List<String> unexpected = new ArrayList<>(0);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                boolean known = propertiesByName != null && propertiesByName.containsKey(key);
                if (patternProperties != null) {
                    for (PatternProperty pp : patternProperties) {
                        if (pp.regex().find(key)) {
                            known = true;
                            checkAgainst(pp.schema(), e.getValue(), path + "/" + pointer(key), out);
                        }
                    }
                }
                if (!known && noAdditionalProperties) {
                    unexpected.add(key);
                } else if (!known && additionalProperties != null) {
                    additionalProperties.check(e.getValue(), path + "/" + pointer(key), out);
                }
            }
            if (!unexpected.isEmpty()) {
                fail(out, path, () -> "Additional properties are not allowed ("
                        + String.join(", ", unexpected.stream().map(PyRepr::repr).toList())
                        + (unexpected.size() == 1 ? " was" : " were") + " unexpected)");
            }
        }
        if (minProperties != null && map.size() < minProperties) {
            fail(out, path, () -> PyRepr.repr(map) + " does not have enough properties");
        }
        if (maxProperties != null && map.size() > maxProperties) {
            fail(out, path, () -> PyRepr.repr(map) + " has too many properties");
        }
    }

    private void checkArray(List<?> list, String path, List<SchemaViolation> out) {
        if (items != null) {
            for (int i = 0; i < list.size(); i++) {
                items.check(list.get(i), path + "/" + i, out);
            }
        } else if (itemList != null) {
            for (int i = 0; i < Math.min(itemList.length, list.size()); i++) {
                checkAgainst(itemList[i], list.get(i), path + "/" + i, out);
            }
            if (noAdditionalItems && list.size() > itemList.length) {
                fail(out, path, () -> "Additional items are not allowed");
            } else if (additionalItems != null) {
                for (int i = itemList.length; i < list.size(); i++) {
                    additionalItems.check(list.get(i), path + "/" + i, out);
                }
            }
        }
        if (minItems != null && list.size() < minItems) {
            fail(out, path, () -> PyRepr.repr(list) + " is too short");
        }
        if (maxItems != null && list.size() > maxItems) {
            fail(out, path, () -> PyRepr.repr(list) + " is too long");
        }
        if (uniqueItems) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    if (JsonSchema.pyEquals(list.get(i), list.get(j))) {
                        fail(out, path, () -> PyRepr.repr(list) + " has non-unique elements");
                        return;
                    }
                }
            }
        }
    }

    private void checkString(String str, String path, List<SchemaViolation> out) {
        if (minLength != null || maxLength != null) {
            int length = str.codePointCount(0, str.length());
            if (minLength != null && length < minLength) {
                fail(out, path, () -> PyRepr.repr(str) + " is too short");
            }
            if (maxLength != null && length > maxLength) {
                fail(out, path, () -> PyRepr.repr(str) + " is too long");
            }
        }
        if (pattern != null && !pattern.find(str)) {
            fail(out, path, () -> PyRepr.repr(str) + " does not match " + PyRepr.repr(patternText));
        }
    }

    private void checkNumber(Number n, String path, List<SchemaViolation> out) {
        if (minimum == null && maximum == null && multipleOf == null) {
            return;
        }
        BigDecimal value = JsonSchema.decimal(n);
        if (minimum != null) {
            int c = value.compareTo(minimum);
            if (c < 0 || (exclusiveMinimum && c == 0)) {
                fail(out, path, () -> PyRepr.repr(n) + " is less than " + (exclusiveMinimum ? "or equal to " : "the minimum of ")
                        + PyRepr.repr(PyJson.toPlain(source.get("minimum"))));
            }
        }
        if (maximum != null) {
            int c = value.compareTo(maximum);
            if (c > 0 || (exclusiveMaximum && c == 0)) {
                fail(out, path, () -> PyRepr.repr(n) + " is greater than " + (exclusiveMaximum ? "or equal to " : "the maximum of ")
                        + PyRepr.repr(PyJson.toPlain(source.get("maximum"))));
            }
        }
        if (multipleOf != null && multipleOf.signum() != 0 && value.remainder(multipleOf).signum() != 0) {
            fail(out, path, () -> PyRepr.repr(n) + " is not a multiple of " + PyRepr.repr(PyJson.toPlain(source.get("multipleOf"))));
        }
    }

    /** A compiled {@code properties} entry. */
    private record Property(String name, String pointer, SchemaNode schema, boolean nullableWhenOptional) {
    }

    /**
     * A regular expression of a schema, compiled when first used: a broken one fails the validations
     * that reach it, as it always has, not the others.
     */
    private static final class LazyRegex {
        private final String source;
        private volatile PyRegex compiled;

        LazyRegex(String source) {
            this.source = source;
        }

        boolean find(String text) {
            PyRegex r = compiled;
            if (r == null) {
                r = PyRegex.compile(source, 0);
                compiled = r;
            }
            return r.find(text);
        }
    }

    /** A compiled {@code patternProperties} entry. */
    private record PatternProperty(LazyRegex regex, SchemaNode schema) {
    }

    /** Checks against a sub-schema that may constrain nothing (null: not an object). */
    private static void checkAgainst(SchemaNode s, Object v, String path, List<SchemaViolation> out) {
        if (s != null) {
            s.check(v, path, out);
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

    private static int countValid(SchemaNode[] schemas, Object v, String path) {
        int n = 0;
        for (SchemaNode sub : schemas) {
            List<SchemaViolation> trial = new Probe();
            checkAgainst(sub, v, path, trial);
            n += trial.isEmpty() ? 1 : 0;
        }
        return n;
    }

    private static void typeLeaves(JsonNode type, List<String> out) {
        if (type.isArray()) {
            type.forEach(t -> typeLeaves(t, out));
        } else {
            out.add(type.asText());
        }
    }

    private static boolean typeMatches(String[] types, Object v) {
        for (String t : types) {
            if (typeMatches(t, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeMatches(String type, Object v) {
        return switch (type) {
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

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
