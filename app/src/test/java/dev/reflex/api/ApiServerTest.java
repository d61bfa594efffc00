package dev.reflex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on an open loopback listener: errors, limits, the OpenAPI document, metrics, readiness. */
class ApiServerTest {

    @TempDir
    static Path data;
    static App app;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedReflex.start(EmbeddedReflex.config(data));
        http = Http.local(app.httpPort());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    static void assertProblem(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(Problem.MEDIA_TYPE));
        JsonNode p = json(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains(detailPart);
    }

    @Test
    void health_answers_ok() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void ready_checks_the_store_and_the_bus_for_real() throws Exception {
        HttpResponse<String> r = http.get("/api/v1/ready");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode checks = json(r).get("checks");
        assertThat(checks.get("store").get("status").asText()).isEqualTo("ok");
        assertThat(checks.get("bus").get("status").asText()).isEqualTo("ok");
    }

    @Test
    void malformed_json_is_a_400_with_the_location_and_the_server_keeps_serving() throws Exception {
        assertProblem(http.put("/api/v1/keys/k1", "{\"value\": \"x\",}"), 400, "line 1, column");
        assertProblem(http.put("/api/v1/keys/k1", "{\"value\": \"x\", \"value\": \"y\"}"), 400, "Duplicate field");
        assertProblem(http.put("/api/v1/keys/k1", "[1, 2]"), 400, "must be a JSON object, not an array");
        assertProblem(http.put("/api/v1/keys/k1", ""), 400, "empty");
        assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_yaml_is_a_400_too() throws Exception {
        HttpResponse<String> r = http.send("PUT", "/api/v1/keys/k2", "value: [unclosed\nsecret: false\n", "application/yaml");
        assertProblem(r, 400, "malformed YAML");
        HttpResponse<String> ok = http.send("PUT", "/api/v1/keys/k2", "value: from-yaml\n", "application/yaml");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(http.get("/api/v1/keys/k2")).get("value").asText()).isEqualTo("from-yaml");
    }

    @Test
    void invalid_fields_are_all_reported_at_once() throws Exception {
        HttpResponse<String> r = http.put("/api/v1/keys/k3", "{\"value\": 5, \"ttl\": -1, \"secrte\": true}");
        assertProblem(r, 400, "'value' must be a string");
        JsonNode errors = json(r).get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.toString()).contains("unknown field 'secrte'").contains("'ttl' must be");
    }

    @Test
    void unknown_paths_wrong_methods_and_large_bodies_get_problems() throws Exception {
        assertProblem(http.get("/api/v1/nothing-here"), 404, "/api/v1/nothing-here");
        assertProblem(http.post("/api/v1/health", "{}"), 405, "POST");
        String big = "{\"value\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> r = http.put("/api/v1/keys/big", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Content Too Large");
        assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void keys_round_trip_and_secrets_are_masked() throws Exception {
        assertThat(http.put("/api/v1/keys/plain", "{\"value\": \"hello\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> put = http.put("/api/v1/keys/pw", "{\"value\": \"hunter2\", \"secret\": true}");
        assertThat(put.body()).doesNotContain("hunter2");
        assertThat(json(http.get("/api/v1/keys/plain")).get("value").asText()).isEqualTo("hello");
        JsonNode pw = json(http.get("/api/v1/keys/pw"));
        assertThat(pw.get("value").asText()).isEqualTo("********");
        assertThat(pw.get("secret").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/keys").body()).doesNotContain("hunter2").contains("plain");
        assertProblem(http.get("/api/v1/keys/pw?decrypt=true"), 401, "admin API key");
        assertThat(http.delete("/api/v1/keys/plain").statusCode()).isEqualTo(204);
        assertProblem(http.get("/api/v1/keys/plain"), 404, "no key named 'plain'");
        assertProblem(http.delete("/api/v1/keys/plain"), 404, "no key named 'plain'");
    }

    @Test
    void ttl_sets_an_expiry() throws Exception {
        JsonNode kv = json(http.put("/api/v1/keys/short", "{\"value\": \"v\", \"ttl\": 3600}"));
        assertThat(kv.get("expire_timestamp").asText()).isNotBlank();
    }

    @Test
    void openapi_lists_what_exists() throws Exception {
        JsonNode doc = json(http.get("/api/v1/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        JsonNode keys = doc.get("paths").get("/api/v1/keys/{name}");
        assertThat(keys.has("get")).isTrue();
        assertThat(keys.has("put")).isTrue();
        assertThat(keys.has("delete")).isTrue();
        assertThat(keys.get("get").get("parameters").get(0).get("name").asText()).isEqualTo("name");
        assertThat(doc.get("paths").has("/api/v1/ready")).isTrue();
        assertThat(doc.get("paths").get("/api/v1/keys").has("post")).isFalse();
        assertThat(doc.get("paths").get("/api/v1/health").get("get").get("security")).isEmpty();
    }

    @Test
    void metrics_expose_request_timings() {
        http.get("/api/v1/health");
        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("reflex_http_requests_seconds_count").contains("route=\"/api/v1/health\"")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void a_second_server_on_the_same_data_directory_refuses_to_start() {
        ReflexConfig cfg = EmbeddedReflex.config(data);
        assertThatThrownBy(() -> new App(cfg, Clock.systemUTC()).start())
                .hasMessageContaining("another Reflex server is using the data directory");
        assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
    }
}
