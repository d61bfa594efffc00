package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server killed with SIGKILL during a long-running {@code core.local cmd="sleep 60"}: after
 * the restart the running execution is {@code abandoned} with a reason, and the execution that was
 * queued behind it (delayed by a concurrency policy) runs.
 */
class KillRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    static String status(Http http, String id) throws Exception {
        return json(http.get("/api/v1/executions/" + id)).get("status").asText();
    }

    @Test
    void runningIsAbandonedAndQueuedRunsAfterTheRestart() throws Exception {
        String running;
        String queued;
        try (ReflexProcess first = ReflexProcess.start(data)) {
            Http http = Http.local(first.port());
            json(http.post("/api/v1/actions", """
                    {"name": "slow", "pack": "crash", "runner_type": "local-shell-cmd",
                     "parameters": {"cmd": {"type": "string", "required": true}}}"""));
            json(http.post("/api/v1/policies", """
                    {"name": "slow.one_at_a_time", "pack": "crash", "resource_ref": "crash.slow",
                     "policy_type": "action.concurrency", "parameters": {"threshold": 1, "action": "delay"}}"""));
            running = json(http.post("/api/v1/executions",
                    "{\"action\": \"crash.slow\", \"parameters\": {\"cmd\": \"sleep 60\"}}")).get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> status(http, running).equals("running"));
            queued = json(http.post("/api/v1/executions",
                    "{\"action\": \"crash.slow\", \"parameters\": {\"cmd\": \"echo after the crash\"}}")).get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() -> status(http, queued).equals("delayed"));
            first.kill();
        }
        try (ReflexProcess second = ReflexProcess.start(data)) {
            Http http = Http.local(second.port());
            JsonNode abandoned = json(http.get("/api/v1/executions/" + running));
            assertThat(abandoned.get("status").asText()).isEqualTo("abandoned");
            assertThat(abandoned.at("/result/error").asText()).contains("stopped before it completed");
            assertThat(abandoned.get("end_timestamp").isNull()).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, queued).equals("succeeded"));
            JsonNode done = json(http.get("/api/v1/executions/" + queued));
            assertThat(done.at("/result/stdout").asText()).isEqualTo("after the crash");
            assertThat(second.output()).contains("marked abandoned");
        }
    }
}
