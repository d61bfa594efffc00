package dev.reflex.rules.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done means: seed 003's Sensu event posted to {@code /api/v1/webhooks/st2} as
 * {@code sensu.event_handler} makes seed 000's final {@code sensu.loadavg_diag} rule (loaded from a
 * pack) match when its criteria hold and not otherwise, and the enforcement, read through the API,
 * shows the rendered {@code hostname}.
 */
class WebhookPipelineTest {

    static final String LOADAVG_DIAG = """
            ---
              name: "sensu.loadavg_diag"
              description: "Run diagnostic checks when receiving a high load alert"
              trigger:
                type: "sensu.event_handler"
                parameters: {}
              criteria:
                trigger.check.name:
                  pattern: "check_load"
                  type: "equals"
                trigger.check.output:
                  pattern: ".*CRITICAL.*"
                  type: "matchregex"
                trigger.occurrences:
                  pattern: 2
                  type: "gt"
                trigger.action:
                  pattern: "create"
                  type: "matchregex"
              action:
                ref: "linux.diag_loadavg"
                parameters:
                  hostname: "{{trigger.client.name}}"
              enabled: true
            """;

    /** Seed 003's event with the check, output, occurrences and action given. */
    static String event(String check, String output, int occurrences, String action) {
        return """
                {"trigger": "sensu.event_handler", "payload": {
                  "id": "ef6b87d2-1f89-439f-8bea-33881436ab90", "action": "%s", "timestamp": 1460172826,
                  "occurrences": %d,
                  "check": {"type": "standard", "total_state_change": 11, "history": ["0", "0", "1", "1", "2", "2"],
                    "status": 2, "output": "%s", "executed": 1460172826, "issued": 1460172826, "name": "%s",
                    "thresholds": {"critical": 180, "warning": 120}},
                  "client": {"timestamp": 1460172596, "version": "1.2.0", "socket": {"port": 3030, "bind": "127.0.0.1"},
                    "subscriptions": ["production"], "environment": "development", "address": "127.0.0.1",
                    "name": "client-01"}}}""".formatted(action, occurrences, output, check);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    App app;
    Http http;

    @BeforeEach
    void start() throws Exception {
        Path pack = dir.resolve("packs/seedpack/rules");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("loadavg_diag.yaml"), LOADAVG_DIAG);
        ReflexConfig cfg = EmbeddedReflex.config(dir.resolve("data")).withPackPaths(List.of(dir.resolve("packs")));
        // The recording sink keeps the rendered request in the enforcement (linux.diag_loadavg is not an action here).
        app = new App(cfg, java.time.Clock.systemUTC(), store -> new RecordingExecutionSink()).start();
        http = Http.local(app.httpPort());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void theSeedRuleMatchesAHighLoadEventAndTheEnforcementShowsTheRenderedHostname() throws Exception {
        assertThat(json(http.get("/api/v1/rules/seedpack.sensu.loadavg_diag")).get("enabled").asBoolean()).isTrue();
        String body = event("check_load", "CheckLoad CRITICAL: load average: 8.41", 3, "create");
        HttpResponse<String> r = http.send("POST", "/api/v1/webhooks/st2", body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r)).isEqualTo(JSON.readTree(body));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/ruleenforcements"))).hasSize(1));
        JsonNode enforcement = json(http.get("/api/v1/ruleenforcements")).get(0);
        assertThat(enforcement.get("rule").get("ref").asText()).isEqualTo("seedpack.sensu.loadavg_diag");
        assertThat(enforcement.get("status").asText()).isEqualTo("succeeded");
        assertThat(enforcement.get("execution_id").isNull()).as("the recording sink creates no execution").isTrue();
        assertThat(enforcement.get("execution_request").get("action").asText()).isEqualTo("linux.diag_loadavg");
        assertThat(enforcement.get("execution_request").get("parameters").get("hostname").asText()).isEqualTo("client-01");

        String instanceId = enforcement.get("trigger_instance_id").asText();
        JsonNode instance = json(http.get("/api/v1/triggerinstances/" + instanceId));
        assertThat(instance.get("trigger").asText()).isEqualTo("sensu.event_handler");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/triggerinstances/" + instanceId)).get("status").asText())
                        .isEqualTo("processed"));
        assertThat(json(http.get("/api/v1/ruleenforcements/" + enforcement.get("id").asText())).get("id"))
                .isEqualTo(enforcement.get("id"));
    }

    @Test
    void theSeedRuleDoesNotMatchWhenACriterionFails() throws Exception {
        String[] bodies = {
            event("keepalive", "No keepalive sent from client for 230 seconds (>=180)", 2, "create"),
            event("check_load", "CheckLoad CRITICAL: load average: 8.41", 2, "create"),
            event("check_load", "CheckLoad CRITICAL: load average: 8.41", 3, "resolve"),
            event("check_load", "CheckLoad OK: load average: 0.4", 3, "create")};
        for (String body : bodies) {
            assertThat(http.send("POST", "/api/v1/webhooks/st2", body, "application/json").statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/triggerinstances?status=processed"))).hasSize(4));
        assertThat(json(http.get("/api/v1/ruleenforcements"))).isEmpty();
    }
}
