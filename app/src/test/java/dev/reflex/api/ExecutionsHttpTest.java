package dev.reflex.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/executions} through real HTTP with API keys required: the lean handler in front
 * of Javalin answers it (an exact {@link AsyncPost} path), with the keys, problems, limits and timers
 * of the other endpoints and StackStorm's 201 body.
 */
class ExecutionsHttpTest extends KeyedApiTest {

    private static final List<String> FIELDS = List.of("id", "action", "runner", "liveaction", "status",
            "start_timestamp", "end_timestamp", "elapsed_seconds", "parameters", "result", "context", "parent",
            "children", "log");

    @Test
    void runNeedsAKeyAndAnswers201WithTheRequestedExecutionOnceItIsStored() throws Exception {
        HttpResponse<String> r = anon.post("/api/v1/executions", "{\"action\": \"core.noop\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        assertThat(json(r).get("detail").asText()).startsWith("an API key is required");
        assertThat(json(r).get("instance").asText()).isEqualTo("/api/v1/executions");
        r = anon.with("St2-Api-Key", "wrong").post("/api/v1/executions", "{\"action\": \"core.noop\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("detail").asText()).isEqualTo("the API key presented is not valid");

        r = user.post("/api/v1/executions", "{\"action\": \"core.local\", \"parameters\": {\"cmd\": \"echo hi\"}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode e = json(r);
        List<String> fields = new ArrayList<>();
        e.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).isEqualTo(FIELDS);
        String id = e.get("id").asText();
        assertThat(e.get("liveaction").get("id").asText()).isEqualTo(id);
        assertThat(e.get("status").asText()).isEqualTo("requested");
        assertThat(e.get("action").get("ref").asText()).isEqualTo("core.local");
        assertThat(e.get("action").get("runner_type").asText()).isEqualTo("local-shell-cmd");
        assertThat(e.get("runner").get("name").asText()).isEqualTo("local-shell-cmd");
        assertThat(e.get("parameters").get("cmd").asText()).isEqualTo("echo hi");
        assertThat(e.get("context").get("user").asText()).as("the key's name").isEqualTo("ops");
        assertThat(e.get("end_timestamp").isNull()).isTrue();
        assertThat(e.get("parent").isNull()).isTrue();
        assertThat(e.get("log").get(0).get("status").asText()).isEqualTo("requested");
        assertThat(user.get("/api/v1/executions/" + id).statusCode()).as("stored before the answer").isEqualTo(200);

        r = anon.post("/api/v1/executions/?st2-api-key=" + KEY, "{\"action\": \"core.noop\", \"user\": \"someone\"}");
        assertThat(r.statusCode()).as("the key as a query parameter, one trailing slash").isEqualTo(201);
        assertThat(json(r).get("context").get("user").asText()).isEqualTo("someone");
        r = user.send("POST", "/api/v1/executions", "action: core.noop\ncontext: {note: yaml}\n", "application/yaml");
        assertThat(r.statusCode()).as("a YAML body, as before").isEqualTo(201);
        assertThat(json(r).get("context").get("note").asText()).isEqualTo("yaml");

        assertThat(user.get("/api/v1/executions?action=core.noop").statusCode()).as("GET still reaches Javalin")
                .isEqualTo(200);
        r = user.put("/api/v1/executions", "{}");
        assertThat(r.statusCode()).as("other methods still reach Javalin").isEqualTo(405);
        assertThat(json(r).get("detail").asText()).isEqualTo("PUT is not allowed on /api/v1/executions");
        r = user.post("/api/v1/executions/" + id + "/re_run", "{}");
        assertThat(r.statusCode()).as("longer paths are not this endpoint's").isEqualTo(201);
        assertThat(json(user.get("/api/v1/openapi.json")).get("paths").has("/api/v1/executions")).isTrue();

        String metrics = anon.with("St2-Api-Key", ADMIN).get("/metrics").body();
        assertThat(metrics).containsPattern("reflex_http_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*"
                + "route=\"/api/v1/executions\"[^}]*status=\"201\"[^}]*} 3");
        assertThat(metrics).containsPattern("reflex_http_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*"
                + "route=\"/api/v1/executions\"[^}]*status=\"401\"[^}]*} 2");
    }

    @Test
    void badRequestsGetTheProblemsTheyAlwaysGot() throws Exception {
        HttpResponse<String> r = user.post("/api/v1/executions", "{\"action\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        JsonNode p = json(r);
        assertThat(p.get("title").asText()).isEqualTo("Bad Request");
        assertThat(p.get("detail").asText()).startsWith("malformed JSON in the request body at line 1");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/executions");

        assertThat(detail(user.post("/api/v1/executions", ""))).isEqualTo(
                "the request body is empty; a JSON document is expected");
        assertThat(detail(user.post("/api/v1/executions", "[1]"))).isEqualTo(
                "the request body must be a JSON object, not an array");
        assertThat(detail(user.post("/api/v1/executions", "{\"action\": \"core.noop\", \"x\": 1}"))).isEqualTo(
                "unknown field 'x'; known fields: action, context, id, parameters, user");
        assertThat(detail(user.post("/api/v1/executions", "{\"parameters\": {}}"))).startsWith("'action' is required");
        assertThat(detail(user.post("/api/v1/executions", "{\"action\": \"core.noop\", \"parameters\": [1]}")))
                .isEqualTo("'parameters' must be an object");
        assertThat(detail(user.post("/api/v1/executions", "{\"action\": \"nope.nothing\"}")))
                .isEqualTo("Action \"nope.nothing\" cannot be found.");
        assertThat(detail(user.post("/api/v1/executions", "{\"action\": \"core.local\", \"parameters\": {}}")))
                .contains("'cmd' is a required property");
        assertThat(json(user.get("/api/v1/executions"))).as("nothing was recorded").isEmpty();
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String filler = "x".repeat(1024 * 1024);
        HttpResponse<String> r = user.post("/api/v1/executions",
                "{\"action\": \"core.noop\", \"context\": {\"big\": \"" + filler + "\"}}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("title").asText()).isEqualTo("Content Too Large");
        assertThat(json(r).get("detail").asText()).isEqualTo("the request body is larger than 1048576 bytes");
        assertThat(json(user.get("/api/v1/executions"))).isEmpty();
    }

    private static String detail(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return json(r).get("detail").asText();
    }

}
