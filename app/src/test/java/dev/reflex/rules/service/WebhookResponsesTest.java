package dev.reflex.rules.service;

import static dev.reflex.rules.service.WebhookPipelineTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StackStorm's webhook answers, rules through the API, custom hooks, form bodies, trace tags and API keys. */
class WebhookResponsesTest {

    static final String HOOK_RULE = """
            name: sample_rule_with_webhook
            pack: examples
            enabled: true
            trigger: {type: core.st2.webhook, parameters: {url: /sample/}}
            criteria: {trigger.body.name: {type: equals, pattern: st2}}
            action: {ref: core.local, parameters: {cmd: "echo {{trigger.body.name}} {{trigger.headers_lower['x-custom']}}"}}
            """;

    @TempDir
    Path dir;
    App app;
    Http http;

    @BeforeEach
    void start() throws Exception {
        app = EmbeddedReflex.start(EmbeddedReflex.config(dir));
        http = Http.local(app.httpPort());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void st2HookErrorsAreStackStormsAnswers() throws Exception {
        HttpResponse<String> r = http.post("/api/v1/webhooks/st2", "{\"payload\": {}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("faultstring").asText()).isEqualTo("Trigger not specified.");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));

        r = http.post("/api/v1/webhooks/st2", "[1, 2]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("faultstring").asText()).isEqualTo("Webhook body needs to be an object, got: array");

        r = http.post("/api/v1/webhooks/st2", "{\"trigger\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).startsWith("malformed JSON in the request body at line 1");

        r = http.post("/api/v1/webhooks/st2", "{\"trigger\": \"no.such_trigger\", \"payload\": {}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).contains("no.such_trigger").contains("doesn't exist");

        r = http.post("/api/v1/webhooks/st2", "{\"trigger\": \"sensu.event_handler\", \"payload\": {\"check\": {}}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("detail").asText()).contains("'client' is a required property")
                .contains("'name' is a required property");

        r = http.post("/api/v1/webhooks/nothing-here", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("faultstring").asText()).isEqualTo("Webhook nothing-here not registered with st2");

        assertThat(http.get("/api/v1/health").statusCode()).as("the server keeps serving").isEqualTo(200);
    }

    @Test
    void aCustomHookExistsWhileAnEnabledRuleRegistersItAndItsPayloadHasTheHeaders() throws Exception {
        assertThat(http.post("/api/v1/webhooks/sample", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> created = http.send("POST", "/api/v1/rules", HOOK_RULE, "application/yaml");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("ref").asText()).isEqualTo("examples.sample_rule_with_webhook");

        Http withHeaders = http.with("X-Custom", "yes", "St2-Trace-Tag", "trace-42", "Cookie", "secret=1");
        HttpResponse<String> r = withHeaders.send("POST", "/api/v1/webhooks/sample", "{\"name\": \"st2\"}", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"name\":\"st2\"}");

        r = http.send("POST", "/api/v1/webhooks/sample", "{\"n\": 123456789012345678901234567890, \"k\": 1, \"k\": 2}",
                "application/json");
        assertThat(r.statusCode()).as("an integer beyond 64 bits is a number, as in Python; a repeated key keeps the last")
                .isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"n\":123456789012345678901234567890,\"k\":2}");
        r = http.send("POST", "/api/v1/webhooks/sample", "{\"name\": \"st2\"} {}", "application/json");
        assertThat(r.statusCode()).as("content after the document").isEqualTo(400);
        assertThat(json(r).get("detail").asText()).startsWith("malformed JSON in the request body at line 1")
                .contains("unexpected content after the JSON value");

        r = http.send("POST", "/api/v1/webhooks/sample/", "name=st2&x=1&x=2", "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).as("form body, trailing slash").isEqualTo(202);
        assertThat(json(r).get("x").size()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/ruleenforcements?rule_ref=examples.sample_rule_with_webhook"))).hasSize(2));
        JsonNode instances = json(http.get("/api/v1/triggerinstances?trigger=core.st2.webhook"));
        assertThat(instances.get(1).get("payload").get("body").get("n").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        JsonNode first = instances.get(2);
        assertThat(first.get("trace_tag").asText()).isEqualTo("trace-42");
        JsonNode payload = first.get("payload");
        assertThat(payload.get("body").get("name").asText()).isEqualTo("st2");
        assertThat(payload.get("headers_lower").get("x-custom").asText()).isEqualTo("yes");
        assertThat(payload.get("headers_lower").has("cookie")).as("cookies are removed").isFalse();
        assertThat(payload.get("headers_lower").has("st2-trace-tag")).isFalse();
        assertThat(instances.get(0).get("trace_tag").asText()).startsWith("webhook-sample-");
        JsonNode enforcement = json(http.get("/api/v1/ruleenforcements?trigger_instance=" + first.get("id").asText())).get(0);
        assertThat(enforcement.get("execution_request").get("parameters").get("cmd").asText()).isEqualTo("echo st2 yes");

        HttpResponse<String> disabled = http.send("PUT", "/api/v1/rules/examples.sample_rule_with_webhook",
                HOOK_RULE.replace("enabled: true", "enabled: false"), "application/yaml");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(http.post("/api/v1/webhooks/sample", "{}").statusCode()).as("disabled rule: hook gone").isEqualTo(404);
    }

    @Test
    void invalidRulesAreA400ListingEveryProblem() throws Exception {
        HttpResponse<String> r = http.post("/api/v1/rules", """
                {"name": "bad", "trigger": {"type": "core.st2.webhook", "parameters": {}},
                 "criteria": {"trigger.x": {"type": "nosuchop", "pattern": 1}, "trigger.y": {"type": "equals"}},
                 "action": {"ref": "core.local"}, "surprise": 1}""");
        assertThat(r.statusCode()).isEqualTo(400);
        List<String> errors = JSON_LIST(json(r).get("errors"));
        assertThat(errors).hasSizeGreaterThanOrEqualTo(4);
        assertThat(String.join("\n", errors)).contains("surprise").contains("nosuchop").contains("/criteria/trigger.y")
                .contains("'url' is a required property");
        assertThat(http.post("/api/v1/rules", "{\"name\": ").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/rules/nope.nope").statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/v1/rules/nope.nope").statusCode()).isEqualTo(404);
        String ok = "{\"name\": \"r\", \"trigger\": {\"type\": \"core.st2.generic.actiontrigger\"}, \"action\": {\"ref\": \"core.noop\"}}";
        assertThat(http.post("/api/v1/rules", ok).statusCode()).isEqualTo(201);
        assertThat(http.post("/api/v1/rules", ok).statusCode()).as("duplicate").isEqualTo(409);
        JsonNode rule = json(http.get("/api/v1/rules/default.r"));
        assertThat(rule.get("enabled").asBoolean()).as("rules default to disabled").isFalse();
        assertThat(json(http.get("/api/v1/rules/" + rule.get("id").asText())).get("ref").asText()).isEqualTo("default.r");
        assertThat(json(http.get("/api/v1/triggers?type=core.st2.generic.actiontrigger"))).hasSize(1);
        assertThat(http.delete("/api/v1/rules/default.r").statusCode()).isEqualTo(204);
        assertThat(json(http.get("/api/v1/rules?pack=default"))).as("the rule is gone").isEmpty();
    }

    @Test
    void triggerTypesCanBeRegisteredAndListed() throws Exception {
        String type = "{\"name\": \"event_handler2\", \"pack\": \"sensu\", \"payload_schema\": {\"type\": \"object\", "
                + "\"properties\": {\"n\": {\"type\": \"integer\", \"required\": true}}}}";
        assertThat(http.post("/api/v1/triggertypes", type).statusCode()).isEqualTo(201);
        assertThat(http.post("/api/v1/triggertypes", type).statusCode()).isEqualTo(409);
        assertThat(json(http.get("/api/v1/triggertypes?pack=sensu"))).extracting(n -> n.get("ref").asText())
                .contains("sensu.event_handler", "sensu.event_handler2");
        assertThat(http.post("/api/v1/webhooks/st2", "{\"trigger\": \"sensu.event_handler2\", \"payload\": {\"n\": \"x\"}}")
                .statusCode()).isEqualTo(400);
        assertThat(http.post("/api/v1/webhooks/st2", "{\"trigger\": \"sensu.event_handler2\", \"payload\": {\"n\": 1}}")
                .statusCode()).isEqualTo(202);
        JsonNode list = json(http.get("/api/v1/triggerinstances?trigger=sensu.event_handler2&limit=5"));
        assertThat(list).hasSize(1);
        HttpResponse<String> again = http.post("/api/v1/triggerinstances/" + list.get(0).get("id").asText() + "/re_emit", "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(http.get("/api/v1/triggerinstances?trigger=sensu.event_handler2"))).hasSize(2);
        assertThat(http.get("/api/v1/triggerinstances?limit=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/triggerinstances?timestamp_gt=yesterday").statusCode()).isEqualTo(400);
        assertThat(http.delete("/api/v1/triggertypes/core.st2.webhook").statusCode()).isEqualTo(409);
        assertThat(http.delete("/api/v1/triggertypes/sensu.event_handler2").statusCode()).isEqualTo(204);
    }

    @Test
    void webhooksNeedAKeyWhenKeysAreRequired() throws Exception {
        app.close();
        app = EmbeddedReflex.startWithKeys(dir.resolve("keyed"), List.of(new ReflexConfig.ApiKey("ops", "k3y-1", false)));
        Http anon = Http.local(app.httpPort());
        String body = "{\"trigger\": \"core.st2.generic.actiontrigger\", \"payload\": {}}";
        assertThat(anon.post("/api/v1/webhooks/st2", body).statusCode()).isEqualTo(401);
        assertThat(anon.post("/api/v1/webhooks/st2?st2-api-key=k3y-1", body).statusCode()).isEqualTo(202);
        assertThat(anon.with("St2-Api-Key", "k3y-1").post("/api/v1/webhooks/st2", body).statusCode()).isEqualTo(202);
    }

    private static List<String> JSON_LIST(JsonNode n) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }
}
