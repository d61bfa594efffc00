package dev.reflex.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.ConfigProblem;
import dev.reflex.template.PyJson;
import dev.reflex.template.PyRepr;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.SchemaViolation;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule from an already-parsed document (YAML or JSON as a Jackson tree) and checks it
 * completely: StackStorm's rule schema (unknown fields are errors), criteria operators and
 * patterns, criteria keys, regular expressions, templates, and the trigger parameters against the
 * trigger type's schema when the type is known.
 *
 * <p>Every problem carries the JSON-pointer path of the offending part (such as
 * {@code /criteria/trigger.x/type}) and no line or column: the strict loader maps paths to
 * {@code file:line:col}.
 */
public final class RuleParser {

    private static final Set<String> FIELDS = Set.of("id", "ref", "uid", "name", "pack", "description", "type",
            "trigger", "criteria", "action", "enabled", "context", "tags", "metadata_file");
    private static final Set<String> ACTION_FIELDS = Set.of("ref", "parameters", "description");
    private static final Set<String> TYPE_FIELDS = Set.of("ref", "parameters");
    private static final Set<String> RULE_TYPES = Set.of("standard", "backstop");

    private final RuleCompiler compiler;
    private final TriggerTypeRegistry triggerTypes;

    /**
     * A parser.
     *
     * @param templates    the engine that checks templates
     * @param triggerTypes the known trigger types, to validate trigger parameters; null to skip that check
     */
    public RuleParser(TemplateEngine templates, TriggerTypeRegistry triggerTypes) {
        this.compiler = new RuleCompiler(templates);
        this.triggerTypes = triggerTypes;
    }

    /**
     * Reads one rule.
     *
     * @param document   the rule document
     * @param sourceName where it came from (a file name or {@code <request body>}), used in problems
     * @return the rule, or every problem found
     */
    public Parsed<Rule> parse(JsonNode document, String sourceName) {
        Reader r = new Reader(sourceName);
        if (document == null || !document.isObject()) {
            r.add("", (document == null ? "None" : PyRepr.repr(PyJson.toPlain(document))) + " is not of type 'object'");
            return new Parsed<>(null, r.problems);
        }
        r.unknownFields(document, FIELDS, "");
        String name = r.string(document, "name", "", true, false);
        String pack = r.string(document, "pack", "", false, false);
        String description = r.string(document, "description", "", false, true);
        String id = r.string(document, "id", "", false, true);
        r.string(document, "ref", "", false, true);
        r.string(document, "uid", "", false, true);
        String metadataFile = r.string(document, "metadata_file", "", false, false);
        boolean enabled = r.bool(document, "enabled", "");
        Rule.RuleType type = ruleType(document.get("type"), r);
        Rule.RuleTrigger trigger = trigger(document.get("trigger"), r);
        Map<String, Rule.Criterion> criteria = criteria(document.get("criteria"), r);
        Rule.RuleAction action = action(document.get("action"), r);
        Map<String, Object> context = r.object(document, "context", "", true);
        List<Rule.Tag> tags = tags(document.get("tags"), r);
        // Compile what could be read, even around structural problems, so that every problem is reported at once.
        Rule rule = new Rule(id, name == null ? "?" : name, pack, description, enabled, type,
                trigger == null ? new Rule.RuleTrigger("?", Map.of(), null, null) : trigger, criteria,
                action == null ? new Rule.RuleAction("?", Map.of(), null) : action, context, tags, metadataFile);
        List<ConfigProblem> problems = new ArrayList<>(r.problems);
        problems.addAll(compiler.compile(rule, sourceName).problems());
        if (trigger != null && triggerTypes != null && triggerTypes.find(trigger.type()).isPresent()) {
            for (SchemaViolation v : triggerTypes.validateParameters(trigger.type(), trigger.parameters()).violations()) {
                problems.add(RuleCompiler.problem(sourceName, "/trigger/parameters" + v.path(), v.message()));
            }
        }
        return new Parsed<>(problems.isEmpty() ? rule : null, problems);
    }

    private static Rule.RuleType ruleType(JsonNode node, Reader r) {
        if (node == null) {
            return Rule.RuleType.STANDARD;
        }
        if (!r.isObject(node, "/type")) {
            return null;
        }
        r.unknownFields(node, TYPE_FIELDS, "/type");
        String ref = r.string(node, "ref", "/type", true, false);
        if (ref != null && !RULE_TYPES.contains(ref)) {
            r.add("/type/ref", PyRepr.repr(ref) + " is not one of ['standard', 'backstop']");
        }
        return ref == null ? null : new Rule.RuleType(ref, r.object(node, "parameters", "/type", false));
    }

    private static Rule.RuleTrigger trigger(JsonNode node, Reader r) {
        if (node == null) {
            r.add("", "'trigger' is a required property");
            return null;
        }
        if (!r.isObject(node, "/trigger")) {
            return null;
        }
        String type = r.string(node, "type", "/trigger", true, false);
        Map<String, Object> parameters = r.object(node, "parameters", "/trigger", false);
        String description = r.string(node, "description", "/trigger", false, true);
        String ref = r.string(node, "ref", "/trigger", false, true);
        return type == null ? null : new Rule.RuleTrigger(type, parameters, description, ref);
    }

    private static Map<String, Rule.Criterion> criteria(JsonNode node, Reader r) {
        Map<String, Rule.Criterion> out = new LinkedHashMap<>();
        if (node == null || !r.isObject(node, "/criteria")) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = "/criteria/" + RuleCompiler.pointer(e.getKey());
            JsonNode c = e.getValue();
            if (!r.isObject(c, at)) {
                continue;
            }
            JsonNode type = c.get("type");
            if (type == null || type.isNull()) {
                r.add(at, "Operator not specified for field: " + e.getKey());
                continue;
            }
            if (!type.isTextual()) {
                r.add(at + "/type", PyRepr.repr(PyJson.toPlain(type)) + " is not of type 'string'");
                continue;
            }
            JsonNode condition = c.get("condition");
            if (condition != null && !condition.isNull() && !condition.isTextual()) {
                r.add(at + "/condition", PyRepr.repr(PyJson.toPlain(condition)) + " is not of type 'string'");
                continue;
            }
            out.put(e.getKey(), new Rule.Criterion(type.textValue(), PyJson.toPlain(c.get("pattern")),
                    condition == null || condition.isNull() ? null : condition.textValue()));
        }
        return out;
    }

    /** A criterion from plain data ({@code {type, pattern, condition}}), or null when it has no string type. */
    static Rule.Criterion criterionOf(Object raw) {
        if (raw instanceof Map<?, ?> m && m.get("type") instanceof String type) {
            Object condition = m.get("condition");
            return new Rule.Criterion(type, m.get("pattern"), condition instanceof String s ? s : null);
        }
        return null;
    }

    private static Rule.RuleAction action(JsonNode node, Reader r) {
        if (node == null) {
            r.add("", "'action' is a required property");
            return null;
        }
        if (!r.isObject(node, "/action")) {
            return null;
        }
        r.unknownFields(node, ACTION_FIELDS, "/action");
        String ref = r.string(node, "ref", "/action", true, false);
        Map<String, Object> parameters = r.object(node, "parameters", "/action", true);
        String description = r.string(node, "description", "/action", false, true);
        return ref == null ? null : new Rule.RuleAction(ref, parameters, description);
    }

    private static List<Rule.Tag> tags(JsonNode node, Reader r) {
        List<Rule.Tag> tags = new ArrayList<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isArray()) {
            r.add("/tags", PyRepr.repr(PyJson.toPlain(node)) + " is not of type 'array'");
            return tags;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            if (r.isObject(t, "/tags/" + i)) {
                String name = r.string(t, "name", "/tags/" + i, true, false);
                String value = t.hasNonNull("value") ? t.get("value").asText() : null;
                tags.add(new Rule.Tag(name, value));
            }
        }
        return tags;
    }

    /** Collects problems while reading fields. */
    private static final class Reader {
        private final String source;
        private final List<ConfigProblem> problems = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        void add(String path, String message) {
            problems.add(RuleCompiler.problem(source, path, message));
        }

        boolean isObject(JsonNode node, String at) {
            if (node != null && node.isObject()) {
                return true;
            }
            add(at, PyRepr.repr(PyJson.toPlain(node)) + " is not of type 'object'");
            return false;
        }

        void unknownFields(JsonNode node, Set<String> known, String at) {
            List<String> unexpected = new ArrayList<>();
            node.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    unexpected.add(PyRepr.repr(f));
                }
            });
            if (!unexpected.isEmpty()) {
                add(at, "Additional properties are not allowed (" + String.join(", ", unexpected)
                        + (unexpected.size() == 1 ? " was" : " were") + " unexpected)");
            }
        }

        String string(JsonNode node, String field, String at, boolean required, boolean nullable) {
            JsonNode v = node.get(field);
            if (v == null || (v.isNull() && nullable)) {
                if (required) {
                    add(at, "'" + field + "' is a required property");
                }
                return null;
            }
            if (!v.isTextual()) {
                add(at + "/" + field, PyRepr.repr(PyJson.toPlain(v)) + " is not of type 'string'");
                return null;
            }
            return v.textValue();
        }

        boolean bool(JsonNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v == null) {
                return false;
            }
            if (!v.isBoolean()) {
                add(at + "/" + field, PyRepr.repr(PyJson.toPlain(v)) + " is not of type 'boolean'");
                return false;
            }
            return v.booleanValue();
        }

        Map<String, Object> object(JsonNode node, String field, String at, boolean nullable) {
            JsonNode v = node.get(field);
            if (v == null || (v.isNull() && nullable)) {
                return Map.of();
            }
            if (!v.isObject()) {
                add(at + "/" + field, PyRepr.repr(PyJson.toPlain(v)) + " is not of type 'object'");
                return Map.of();
            }
            return PyJson.toPlainMap(v);
        }
    }
}
