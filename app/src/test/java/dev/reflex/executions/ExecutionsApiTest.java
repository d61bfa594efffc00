package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.app.App;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executions API against a whole Reflex: run, get, list with filters, cancel, re-run, output. */
class ExecutionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        app = new App(EmbeddedReflex.config(dir), Clock.systemUTC()).start();
        http = Http.local(app.httpPort());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static JsonNode run(String action, String params) throws Exception {
        HttpResponse<String> r = http.post("/api/v1/executions", "{\"action\":\"" + action + "\",\"parameters\":" + params + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    static JsonNode awaitDone(String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = json(http.get("/api/v1/executions/" + id));
            return List.of("succeeded", "failed", "timeout", "canceled", "abandoned").contains(last[0].get("status").asText());
        });
        return last[0];
    }

    @Test
    void localCommandRunsAndIsRecordedThroughEveryStatus() throws Exception {
        JsonNode created = run("core.local", "{\"cmd\":\"uname -a\"}");
        assertThat(created.get("status").asText()).isIn("requested", "scheduled", "running", "succeeded");
        JsonNode done = awaitDone(created.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.at("/result/stdout").asText()).startsWith("Linux");
        assertThat(done.at("/result/return_code").asInt()).isZero();
        assertThat(done.at("/action/ref").asText()).isEqualTo("core.local");
        assertThat(done.at("/context/user").asText()).isEqualTo("stanley");
        List<String> log = new ArrayList<>();
        done.get("log").forEach(l -> log.add(l.get("status").asText()));
        assertThat(log).containsExactly("requested", "scheduled", "running", "succeeded");
        assertThat(done.get("end_timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void anExecutionShowsItsActionAsTheActionsApiDoesAfterTheActionChanges() throws Exception {
        String action = "{\"pack\":\"viewtest\",\"name\":\"quiet\",\"runner_type\":\"noop\",\"description\":\"%s\"}";
        assertThat(http.post("/api/v1/actions", action.formatted("first")).statusCode()).isEqualTo(201);
        JsonNode first = run("viewtest.quiet", "{}");
        assertThat(first.get("action")).isEqualTo(json(http.get("/api/v1/actions/viewtest.quiet")));
        assertThat(first.at("/action/description").asText()).isEqualTo("first");
        List<String> log = new ArrayList<>();
        awaitDone(first.get("id").asText()).get("log").forEach(l -> log.add(l.get("status").asText()));
        assertThat(log).containsExactly("requested", "scheduled", "running", "succeeded");
        assertThat(http.put("/api/v1/actions/viewtest.quiet", action.formatted("second")).statusCode()).isEqualTo(200);
        JsonNode second = run("viewtest.quiet", "{}");
        assertThat(second.at("/action/description").asText()).isEqualTo("second");
        assertThat(json(http.get("/api/v1/executions/" + first.get("id").asText())).at("/action/description").asText())
                .isEqualTo("second");
    }

    @Test
    void badRequestsAreClear400sNamingTheParameter() throws Exception {
        HttpResponse<String> missing = http.post("/api/v1/executions", "{\"action\":\"core.local\",\"parameters\":{}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'cmd' is a required property");
        HttpResponse<String> immutable = http.post("/api/v1/executions",
                "{\"action\":\"core.local\",\"parameters\":{\"cmd\":\"true\",\"sudo\":true}}");
        assertThat(immutable.body()).contains("Override of immutable parameter(s) ['sudo'] is unsupported.");
        HttpResponse<String> cast = http.post("/api/v1/executions",
                "{\"action\":\"core.pause\",\"parameters\":{\"max_pause\":\"soon\"}}");
        assertThat(cast.statusCode()).isEqualTo(400);
        assertThat(cast.body()).contains("max_pause").contains("invalid literal for int() with base 10: 'soon'");
        HttpResponse<String> unknown = http.post("/api/v1/executions", "{\"action\":\"nope.nothing\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Action \\\"nope.nothing\\\" cannot be found.");
    }

    @Test
    void echoRendersItsDefaultFromTheMessage() throws Exception {
        JsonNode done = awaitDone(run("core.echo", "{\"message\":\"hello $(id) world\"}").get("id").asText());
        assertThat(done.at("/result/stdout").asText()).isEqualTo("hello $(id) world");
        assertThat(done.at("/parameters/cmd").asText()).isEqualTo("echo \"hello \\$(id) world\"");
    }

    @Test
    void cancelStopsARunningCommandAndReRunMergesParameters() throws Exception {
        String id = run("core.local", "{\"cmd\":\"echo started; sleep 30\"}").get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> json(http.get("/api/v1/executions/" + id)).get("status")
                .asText().equals("running"));
        HttpResponse<String> cancel = http.delete("/api/v1/executions/" + id);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        JsonNode done = awaitDone(id);
        assertThat(done.get("status").asText()).isEqualTo("canceled");
        List<String> log = new ArrayList<>();
        done.get("log").forEach(l -> log.add(l.get("status").asText()));
        assertThat(log).containsSubsequence("running", "canceling", "canceled");
        HttpResponse<String> again = http.delete("/api/v1/executions/" + id);
        assertThat(again.statusCode()).isEqualTo(400);

        HttpResponse<String> rerun = http.post("/api/v1/executions/" + id + "/re_run",
                "{\"parameters\":{\"cmd\":\"echo again\"}}");
        assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(201);
        JsonNode second = awaitDone(json(rerun).get("id").asText());
        assertThat(second.at("/result/stdout").asText()).isEqualTo("again");
        assertThat(second.at("/context/re-run/ref").asText()).isEqualTo(id);
    }

    @Test
    void listFiltersByActionAndStatusAndStreamsOutput() throws Exception {
        String id = run("core.local", "{\"cmd\":\"echo one; echo two >&2; echo three\"}").get("id").asText();
        awaitDone(id);
        JsonNode list = json(http.get("/api/v1/executions?action=core.local&status=succeeded&limit=500"));
        List<String> ids = new ArrayList<>();
        list.forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).contains(id);
        list.forEach(e -> assertThat(e.get("status").asText()).isEqualTo("succeeded"));
        assertThat(http.get("/api/v1/executions?status=bogus").statusCode()).isEqualTo(400);
        String out = http.get("/api/v1/executions/" + id + "/output").body();
        assertThat(out).contains("one\n").contains("two\n").contains("three\n");
        assertThat(http.get("/api/v1/executions/" + id + "/output?output_type=stdout").body()).doesNotContain("two");
    }

    @Test
    void outputIsStreamedWhileTheCommandRuns() throws Exception {
        Path gate = dir.resolve("gate-" + System.nanoTime());
        String id = run("core.local", "{\"cmd\":\"echo first; while [ ! -e " + gate + " ]; do sleep 0.05; done; echo second\"}")
                .get("id").asText();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/executions/" + id + "/output")).build();
        HttpResponse<java.io.InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(r.body()));
        assertThat(reader.readLine()).isEqualTo("first");
        assertThat(json(http.get("/api/v1/executions/" + id)).get("status").asText()).isEqualTo("running");
        java.nio.file.Files.createFile(gate);
        assertThat(reader.readLine()).isEqualTo("second");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void actionsAndRunnerTypesAreListed() throws Exception {
        JsonNode actions = json(http.get("/api/v1/actions?pack=core"));
        List<String> refs = new ArrayList<>();
        actions.forEach(a -> refs.add(a.get("ref").asText()));
        assertThat(refs).contains("core.local", "core.local_sudo", "core.remote", "core.remote_sudo", "core.http",
                "core.sendmail", "core.noop", "core.echo", "core.error", "core.uuid", "core.inject_trigger", "core.pause");
        JsonNode local = json(http.get("/api/v1/actions/core.local"));
        assertThat(local.get("runner_type").asText()).isEqualTo("local-shell-cmd");
        assertThat(local.at("/parameters/cmd/required").asBoolean()).isTrue();
        JsonNode runners = json(http.get("/api/v1/runnertypes"));
        List<String> names = new ArrayList<>();
        runners.forEach(r -> names.add(r.get("name").asText()));
        assertThat(names).contains("noop", "local-shell-cmd", "remote-shell-script", "http-request", "email");
    }
}
