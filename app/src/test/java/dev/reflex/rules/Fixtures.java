package dev.reflex.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reflex.template.PyJson;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Shared helpers for rule tests: one template engine, YAML rules, payloads from JSON. */
final class Fixtures {

    static final TemplateEngine TEMPLATES = new TemplateEngine();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final AtomicLong IDS = new AtomicLong();

    private Fixtures() {
    }

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Parsed<Rule> parse(String yamlText) {
        return new RuleParser(TEMPLATES, TriggerTypeRegistry.withBuiltins()).parse(yaml(yamlText), "test.yaml");
    }

    /** A valid rule from YAML; fails the test with the problems otherwise. */
    static Rule rule(String yamlText) {
        Parsed<Rule> p = parse(yamlText);
        if (!p.ok()) {
            throw new AssertionError("rule does not parse: " + p.problems());
        }
        return p.value();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return (Map<String, Object>) PyJson.loads(text);
    }

    static TriggerInstance instance(String triggerType, Map<String, Object> payload) {
        return TriggerInstance.pending("ti-" + IDS.incrementAndGet(), Trigger.of(triggerType, Map.of()), payload, Instant.EPOCH);
    }
}
