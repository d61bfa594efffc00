package dev.reflex.workflows.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.app.App;
import dev.reflex.app.ReflexCommand;
import dev.reflex.config.ReflexConfig;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Inquiries through a whole Reflex: {@code core.ask} from the core pack, {@code /api/v1/inquiries}
 * (list, get, respond valid, invalid and forbidden), the TTL driven by a mutable clock, a restart
 * that keeps an inquiry pending, the {@code core.st2.generic.inquiry} trigger, a trace from a trigger
 * instance through a rule to the inquiry, and the {@code reflex inquiry} and {@code reflex trace}
 * commands.
 */
class InquiryApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "alice-key-0123456789abcdef0123456789";
    private static final String OPS = "ops-key-0123456789abcdef0123456789abc";
    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    App app;
    Http alice;
    Http ops;

    @BeforeEach
    void start() throws Exception {
        Path pack = Files.createDirectories(dir.resolve("packs/test"));
        Files.writeString(pack.resolve("pack.yaml"), "ref: test\nname: test\nversion: 0.1.0\ndescription: tests\n"
                + "author: tests\n");
        Files.createDirectories(pack.resolve("triggers"));
        Files.writeString(pack.resolve("triggers/event.yaml"), "name: event\npack: test\ndescription: An event\n");
        Files.createDirectories(pack.resolve("rules"));
        Files.writeString(pack.resolve("rules/ask_on_event.yaml"), """
                name: ask_on_event
                pack: test
                enabled: true
                trigger:
                  type: test.event
                criteria: {}
                action:
                  ref: core.ask
                  parameters:
                    route: "{{trigger.route}}"
                """);
        startApp();
    }

    void startApp() throws Exception {
        ReflexConfig config = EmbeddedReflex.config(dir.resolve("data")).withPackPaths(List.of(dir.resolve("packs")))
                .withApiKeys(List.of(new ReflexConfig.ApiKey("alice", ALICE, false),
                        new ReflexConfig.ApiKey("ops", OPS, true)))
                .withHttp(new ReflexConfig.Http("127.0.0.1", 0, 1024 * 1024, true));
        app = new App(config, clock, RunnerSettings.defaults()).start();
        alice = Http.local(app.httpPort(), "St2-Api-Key", ALICE);
        ops = Http.local(app.httpPort(), "St2-Api-Key", OPS);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    String ask(String parameters) throws Exception {
        HttpResponse<String> r = alice.post("/api/v1/executions", "{\"action\": \"core.ask\", \"parameters\": "
                + parameters + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("id").asText();
        awaitStatus(id, "pending");
        return id;
    }

    void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> json(alice.get("/api/v1/executions/" + id)).get("status")
                .asText().equals(status));
    }

    String reflex(int expectedCode, String key, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + app.httpPort(), "--api-key", key));
        CommandLine cl = ReflexCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all.toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isEqualTo(expectedCode);
        return code == 0 ? out.toString() : err.toString();
    }

    @Test
    void aResponseIsValidatedAgainstTheSchemaAndCompletesTheInquiry() throws Exception {
        String id = ask("{}");
        JsonNode list = json(alice.get("/api/v1/inquiries"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(id);
        JsonNode one = json(alice.get("/api/v1/inquiries/" + id));
        assertThat(one.get("ttl").asLong()).isEqualTo(1440);
        assertThat(one.at("/schema/properties/continue/type").asText()).isEqualTo("boolean");
        assertThat(one.get("expires_at").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(one.get("status").asText()).isEqualTo("pending");

        HttpResponse<String> invalid = alice.put("/api/v1/inquiries/" + id,
                "{\"id\": \"" + id + "\", \"response\": {\"continue\": \"yes\"}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("'yes' is not of type 'boolean'");
        HttpResponse<String> missing = alice.put("/api/v1/inquiries/" + id, "{\"response\": {}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("'continue' is a required property");
        assertThat(alice.put("/api/v1/inquiries/" + id, "{\"id\": \"other\", \"response\": {}}").statusCode())
                .isEqualTo(400);
        assertThat(alice.put("/api/v1/inquiries/nosuchid", "{\"response\": {}}").statusCode()).isEqualTo(404);

        HttpResponse<String> ok = alice.put("/api/v1/inquiries/" + id,
                "{\"id\": \"" + id + "\", \"response\": {\"continue\": true}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).get("response").get("continue").asBoolean()).isTrue();
        awaitStatus(id, "succeeded");
        JsonNode done = json(alice.get("/api/v1/executions/" + id));
        assertThat(done.at("/result/response/continue").asBoolean()).isTrue();
        assertThat(done.at("/result/ttl").asLong()).isEqualTo(1440);
        assertThat(done.at("/result/users").isArray()).isTrue();
        assertThat(json(alice.get("/api/v1/inquiries"))).isEmpty();
        HttpResponse<String> again = alice.put("/api/v1/inquiries/" + id, "{\"response\": {\"continue\": false}}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("not pending");
        assertThat(json(alice.get("/api/v1/inquiries/" + id)).get("responded_by").asText()).isEqualTo("alice");
    }

    @Test
    void onlyTheListedUsersMayRespond() throws Exception {
        String id = ask("{\"users\": [\"ops\"]}");
        HttpResponse<String> forbidden = alice.put("/api/v1/inquiries/" + id, "{\"response\": {\"continue\": true}}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("User \\\"alice\\\" may not respond").contains("allowed users: ops");
        String admins = ask("{\"roles\": [\"admin\"]}");
        assertThat(alice.put("/api/v1/inquiries/" + admins, "{\"response\": {\"continue\": true}}").statusCode())
                .isEqualTo(403);
        assertThat(ops.put("/api/v1/inquiries/" + id, "{\"response\": {\"continue\": true}}").statusCode()).isEqualTo(200);
        assertThat(ops.put("/api/v1/inquiries/" + admins, "{\"response\": {\"continue\": true}}").statusCode())
                .isEqualTo(200);
        awaitStatus(id, "succeeded");
        awaitStatus(admins, "succeeded");
    }

    @Test
    void anInquiryNotAnsweredWithinItsTtlTimesOut() throws Exception {
        String id = ask("{\"ttl\": 30}");
        String forever = ask("{\"ttl\": 0}");
        clock.advance(Duration.ofMinutes(29));
        app.executions().inquirer().sweep();
        assertThat(json(alice.get("/api/v1/executions/" + id)).get("status").asText()).isEqualTo("pending");
        clock.advance(Duration.ofMinutes(2));
        awaitStatus(id, "timeout");
        JsonNode timedOut = json(alice.get("/api/v1/executions/" + id));
        assertThat(timedOut.at("/result/error").asText()).contains("no response within 30 minute(s)");
        clock.advance(Duration.ofDays(400));
        app.executions().inquirer().sweep();
        assertThat(json(alice.get("/api/v1/inquiries")).findValuesAsText("id")).containsExactly(forever);
        assertThat(alice.put("/api/v1/inquiries/" + id, "{\"response\": {\"continue\": true}}").body())
                .contains("\\\"timeout\\\", not pending");
    }

    @Test
    void aPendingInquiryStaysPendingAcrossARestartAndTheCliAnswersIt() throws Exception {
        String id = ask("{\"route\": \"ops-team\"}");
        app.close();
        startApp();
        awaitStatus(id, "pending");
        String list = reflex(0, ALICE, "inquiry", "list");
        assertThat(list).contains(id).contains("ops-team").contains("1440");
        assertThat(reflex(0, ALICE, "inquiry", "get", id)).contains("status: pending").contains("continue:")
                .contains("Would you like to continue the workflow?");
        assertThat(reflex(1, ALICE, "inquiry", "respond", id, "-r", "{\"continue\": 1}"))
                .contains("1 is not of type 'boolean'");
        assertThat(reflex(1, ALICE, "inquiry", "respond", id, "-r", "[true]")).contains("must be a JSON object");
        assertThat(reflex(0, ALICE, "inquiry", "respond", id, "-r", "{\"continue\": true}"))
                .contains("Response accepted for inquiry " + id).contains("continue: true");
        awaitStatus(id, "succeeded");
        assertThat(reflex(0, ALICE, "inquiry", "get", id)).contains("responded_by: alice");
    }

    @Test
    void aTraceLeadsFromTheTriggerInstanceThroughTheRuleToTheInquiry() throws Exception {
        HttpResponse<String> hook = alice.post("/api/v1/webhooks/st2",
                "{\"trigger\": \"test.event\", \"payload\": {\"route\": \"night-shift\"}}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(202);
        String[] ask = new String[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode l = json(alice.get("/api/v1/inquiries"));
            if (l.isEmpty()) {
                return false;
            }
            ask[0] = l.get(0).get("id").asText();
            return true;
        });
        JsonNode inquiry = json(alice.get("/api/v1/inquiries/" + ask[0]));
        assertThat(inquiry.get("route").asText()).isEqualTo("night-shift");
        JsonNode exec = json(alice.get("/api/v1/executions/" + ask[0]));
        String ti = exec.at("/trigger_instance/id").asText();
        assertThat(ti).isNotEmpty();

        JsonNode trace = json(alice.get("/api/v1/traces/" + ti));
        assertThat(trace.at("/trigger_instance/trigger").asText()).isEqualTo("test.event");
        assertThat(trace.at("/rule_enforcements/0/rule").asText()).isEqualTo("test.ask_on_event");
        assertThat(trace.at("/rule_enforcements/0/execution_id").asText()).isEqualTo(ask[0]);
        assertThat(trace.at("/executions/0/id").asText()).isEqualTo(ask[0]);
        assertThat(trace.at("/executions/0/status").asText()).isEqualTo("pending");
        assertThat(json(alice.get("/api/v1/traces/" + ask[0])).at("/trigger_instance/id").asText()).isEqualTo(ti);
        assertThat(alice.get("/api/v1/traces/nosuchid").statusCode()).isEqualTo(404);

        // the inquiry's own trigger instance, emitted when it went pending
        JsonNode generic = json(alice.get("/api/v1/triggerinstances?trigger=core.st2.generic.inquiry"));
        assertThat(generic.findValuesAsText("id")).isNotEmpty();
        assertThat(generic.get(0).at("/payload/id").asText()).isEqualTo(ask[0]);

        String text = reflex(0, ALICE, "trace", ti);
        assertThat(text).contains("trigger instance " + ti + " test.event")
                .contains("  rule test.ask_on_event: enforcement").contains("    execution " + ask[0] + " core.ask: pending");
        assertThat(reflex(0, ALICE, "trace", ask[0], "--json")).contains("\"rule_enforcements\"");
        assertThat(reflex(1, ALICE, "trace", "nosuchid")).contains("No trigger instance or execution with id nosuchid");
    }
}
