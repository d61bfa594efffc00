package dev.reflex.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.template.PyJson;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    private static JsonNode schema(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    private static java.util.List<String> violations(String schemaJson, String instanceJson) throws Exception {
        return JsonSchema.validate(schema(schemaJson), PyJson.loads(instanceJson)).violations().stream()
                .map(SchemaViolation::toString).toList();
    }

    @Test
    void draft4Keywords() throws Exception {
        assertThat(violations("{\"type\": \"object\", \"required\": [\"a\"]}", "{}")).containsExactly("'a' is a required property");
        assertThat(violations("{\"type\": [\"string\", \"null\"]}", "null")).isEmpty();
        assertThat(violations("{\"type\": \"integer\"}", "true")).containsExactly("True is not of type 'integer'");
        assertThat(violations("{\"type\": \"number\"}", "1.5")).isEmpty();
        assertThat(violations("{\"items\": {\"type\": \"string\"}, \"maxItems\": 1}", "[\"a\", 2]"))
                .containsExactly("2 is not of type 'string' (at /1)", "['a', 2] is too long");
        assertThat(violations("{\"items\": [{\"type\": \"string\"}], \"additionalItems\": false}", "[\"a\", 2]"))
                .containsExactly("Additional items are not allowed");
        assertThat(violations("{\"type\": \"string\", \"pattern\": \"^a\\\\d\", \"minLength\": 3}", "\"ax\""))
                .containsExactly("'ax' is too short", "'ax' does not match '^a\\\\d'");
        assertThat(violations("{\"minimum\": 1, \"exclusiveMinimum\": true}", "1")).containsExactly("1 is less than or equal to 1");
        assertThat(violations("{\"multipleOf\": 0.5}", "1.25")).containsExactly("1.25 is not a multiple of 0.5");
        assertThat(violations("{\"oneOf\": [{\"type\": \"integer\"}, {\"type\": \"number\"}]}", "1"))
                .containsExactly("1 is valid under each of 2 of the given schemas");
        assertThat(violations("{\"not\": {\"type\": \"string\"}}", "\"x\"")).hasSize(1);
        assertThat(violations("{\"uniqueItems\": true}", "[1, 1.0]")).containsExactly("[1, 1.0] has non-unique elements");
        assertThat(violations("{\"patternProperties\": {\"^x_\": {\"type\": \"integer\"}}, \"additionalProperties\": false}",
                "{\"x_a\": \"s\", \"y\": 1}")).containsExactly("'s' is not of type 'integer' (at /x_a)",
                "Additional properties are not allowed ('y' was unexpected)");
        assertThat(violations("{\"properties\": {\"a/b\": {\"type\": \"string\"}}}", "{\"a/b\": 1}"))
                .containsExactly("1 is not of type 'string' (at /a~1b)");
        assertThat(violations("{\"type\": \"string\", \"format\": \"date-time\"}", "\"not a date\""))
                .as("format is not checked, as in StackStorm").isEmpty();
    }

    @Test
    void alternativesAreCountedAsBefore() throws Exception {
        // failing alternatives are only counted (their messages are not rendered); a valid instance has no violation
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("text", "x".repeat(1000));
        body.put("n", 3L);
        java.util.Map<String, Object> payload = java.util.Map.of("body", body);
        JsonNode s = schema("""
                {"properties": {"body": {"anyOf": [{"type": "array"}, {"type": "string"},
                  {"type": "object", "properties": {"n": {"minimum": 5}}}, {"type": "object"}],
                  "not": {"type": "object", "required": ["missing"]},
                  "oneOf": [{"type": "object", "properties": {"n": {"type": "string"}}}, {"type": "object", "required": ["n"]}]}}}""");
        assertThat(JsonSchema.validate(s, payload).violations()).isEmpty();

        // the outcomes of the alternatives are what they were, and reported failures are described
        assertThat(violations("{\"anyOf\": [{\"type\": \"object\", \"required\": [\"a\"]}, {\"type\": \"string\"}]}", "{\"b\": 1}"))
                .containsExactly("{'b': 1} is not valid under any of the given schemas");
        assertThat(violations("{\"oneOf\": [{\"minimum\": 2}, {\"maximum\": 0}]}", "1"))
                .containsExactly("1 is not valid under any of the given schemas");
        assertThat(violations("{\"not\": {\"properties\": {\"a\": {\"type\": \"string\"}}}}", "{\"a\": 1}")).isEmpty();
        assertThat(violations("{\"not\": {\"properties\": {\"a\": {\"type\": \"string\"}}}}", "{\"a\": \"x\"}"))
                .containsExactly("{'a': 'x'} should not be valid under {\"properties\":{\"a\":{\"type\":\"string\"}}}");
    }

    @Test
    void defaultsAreFilledWithoutChangingTheInput() throws Exception {
        Object input = PyJson.loads("{\"a\": {}}");
        JsonSchema.Result r = JsonSchema.validate(schema("""
                {"properties": {"a": {"type": "object", "properties": {"b": {"default": 2}}}, "c": {"default": [1]}}}"""), input);
        assertThat(PyJson.dumps(r.value())).isEqualTo("{\"a\": {\"b\": 2}, \"c\": [1]}");
        assertThat(PyJson.dumps(input)).isEqualTo("{\"a\": {}}");
    }

    @Test
    void plainDataIsUsedAsItIsWhenNoDefaultAppliesAndCopiedOtherwise() throws Exception {
        java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
        plain.put("n", 1L);
        plain.put("list", new java.util.ArrayList<>(java.util.List.of("x", 2.5)));
        JsonNode open = schema("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}");
        assertThat(JsonSchema.validate(open, plain).value()).isSameAs(plain);
        assertThat(JsonSchema.validate(null, plain).value()).isSameAs(plain);

        java.util.Map<String, Object> ints = new java.util.LinkedHashMap<>(plain);
        ints.put("n", 1);
        Object normalised = JsonSchema.validate(open, ints).value();
        assertThat(normalised).as("an Integer is read as a long, in a copy").isNotSameAs(ints).isEqualTo(plain);
        assertThat(((java.util.Map<?, ?>) normalised).get("n")).isInstanceOf(Long.class);
        assertThat(ints.get("n")).isInstanceOf(Integer.class);

        JsonNode nestedDefault = schema("{\"properties\": {\"list\": {\"items\": {\"properties\": {\"d\": {\"default\": 0}}}}}}");
        JsonSchema.Result withDefaults = JsonSchema.validate(nestedDefault, plain);
        assertThat(withDefaults.value()).as("a default deep in the schema makes a copy").isNotSameAs(plain).isEqualTo(plain);
        assertThat(JsonSchema.validate(open, java.util.Map.of("n", "x")).violations()).hasSize(1);
    }

    @Test
    void aCompiledSchemaValidatesManyInstancesAsAFreshValidationDoes() throws Exception {
        String schemaJson = """
                {"type": "object", "required": ["id"], "properties": {
                   "id": {"type": "integer", "minimum": 1},
                   "tags": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]+$"}, "uniqueItems": true},
                   "kind": {"enum": ["a", "b"]}, "note": {"type": "string"}},
                 "patternProperties": {"^x_": {"type": "boolean"}}, "additionalProperties": false}""";
        JsonSchema.Compiled compiled = JsonSchema.compile(schema(schemaJson));
        for (String instance : java.util.List.of("{\"id\": 3, \"tags\": [\"ab\", \"cd\"], \"kind\": \"a\", \"x_on\": true}",
                "{\"id\": 0, \"tags\": [\"ab\", \"ab\", \"C\"], \"kind\": \"z\", \"x_on\": 1, \"other\": 2}",
                "{\"tags\": \"nope\", \"note\": null}", "[]")) {
            java.util.List<String> reused = compiled.validate(PyJson.loads(instance)).violations().stream()
                    .map(SchemaViolation::toString).toList();
            assertThat(reused).as(instance).isEqualTo(violations(schemaJson, instance));
        }
        assertThat(compiled.validate(PyJson.loads("{\"id\": 0, \"x_on\": 1, \"other\": 2}")).violations())
                .extracting(SchemaViolation::toString).containsExactly("0 is less than the minimum of 1 (at /id)",
                        "1 is not of type 'boolean' (at /x_on)", "Additional properties are not allowed ('other' was unexpected)");
        assertThat(JsonSchema.compile(null).validate(PyJson.loads("[1]")).valid()).isTrue();
    }

    @Test
    void aBrokenPatternFailsOnlyTheValidationsThatReachIt() throws Exception {
        JsonSchema.Compiled compiled = JsonSchema.compile(schema(
                "{\"properties\": {\"s\": {\"type\": \"string\", \"pattern\": \"([a-\"}}}"));
        assertThat(compiled.validate(PyJson.loads("{\"n\": 1}")).valid()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> compiled.validate(PyJson.loads("{\"s\": \"x\"}")))
                .isInstanceOf(RuntimeException.class);
    }
}
