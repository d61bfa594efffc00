package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.App;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reflex rule|trigger|triggertype|trigger-instance|rule-enforcement} against a real server, and {@code rule test} offline. */
class RuleCommandTest {

    static final String RULE = """
            name: loadavg_diag
            pack: ops
            enabled: true
            trigger: {type: sensu.event_handler}
            criteria:
              trigger.check.name: {type: equals, pattern: check_load}
              trigger.occurrences: {type: gt, pattern: 2}
            action: {ref: linux.diag_loadavg, parameters: {hostname: "{{trigger.client.name}}"}}
            """;
    static final String HIGH = """
            {"trigger": "sensu.event_handler", "payload": {"occurrences": 3, "check": {"name": "check_load"},
              "client": {"name": "client-01"}}}""";

    @TempDir
    static Path dir;
    static App app;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        // The recording sink: linux.diag_loadavg is not an action here, so a real execution could not be created.
        app = new App(EmbeddedReflex.config(dir.resolve("data")), java.time.Clock.systemUTC(),
                store -> new dev.reflex.rules.service.RecordingExecutionSink()).start();
        url = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static KeyCommandTest.Run cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        return KeyCommandTest.run(all);
    }

    @Test
    void rulesAreCreatedListedDisabledAndTheirFiringsShow() throws Exception {
        Path file = Files.writeString(dir.resolve("rule.yaml"), RULE);
        KeyCommandTest.Run created = cli("rule", "create", file.toString());
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("ops.loadavg_diag");
        assertThat(cli("rule", "list").out()).contains("| ops.loadavg_diag").contains("| true ");
        assertThat(cli("rule", "get", "ops.loadavg_diag", "--json").out()).contains("\"ref\" : \"ops.loadavg_diag\"");
        assertThat(cli("trigger", "list").out()).contains("sensu.event_handler");
        assertThat(cli("triggertype", "list", "--pack", "core").out()).contains("core.st2.webhook");

        assertThat(Http.local(app.httpPort()).post("/api/v1/webhooks/st2", HIGH).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cli("rule-enforcement", "list", "--rule", "ops.loadavg_diag").out()).contains("succeeded"));
        String instances = cli("trigger-instance", "list", "--trigger", "sensu.event_handler", "--json").out();
        String id = instances.replaceAll("(?s).*?\"id\" : \"([^\"]+)\".*", "$1");
        assertThat(cli("trigger-instance", "get", id).out()).contains("client-01");
        assertThat(cli("trigger-instance", "re-emit", id).out()).contains("succesfully re-sent");

        assertThat(cli("rule", "disable", "ops.loadavg_diag").code()).isZero();
        assertThat(cli("rule", "list").out()).contains("| false ");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\ntrigger: {type: core.st2.webhook}\n");
        KeyCommandTest.Run rejected = cli("rule", "create", bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("error 400").contains("'action' is a required property")
                .contains("'url' is a required property");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "name: [x\n");
        assertThat(cli("rule", "create", broken.toString()).err()).contains("broken.yaml:");
        assertThat(cli("rule", "delete", "ops.loadavg_diag").out()).contains("successfully deleted");
        assertThat(cli("rule", "get", "ops.loadavg_diag").code()).isEqualTo(1);
    }

    @Test
    void ruleTestExplainsAndExitsZeroOnMatchOneOtherwise() throws Exception {
        Path rule = Files.writeString(dir.resolve("t-rule.yaml"), RULE);
        Path high = Files.writeString(dir.resolve("high.json"), HIGH);
        Path low = Files.writeString(dir.resolve("low.json"), HIGH.replace("\"occurrences\": 3", "\"occurrences\": 1"));
        KeyCommandTest.Run match = KeyCommandTest.run("rule", "test", "--rule", rule.toString(), "--trigger-instance",
                high.toString());
        assertThat(match.code()).as(match.err()).isZero();
        assertThat(match.out()).contains("trigger.check.name (equals): passed").endsWith("=== RULE MATCHES ===\n");
        KeyCommandTest.Run miss = KeyCommandTest.run("rule", "test", "--rule", rule.toString(), "--trigger-instance",
                low.toString());
        assertThat(miss.code()).isEqualTo(1);
        assertThat(miss.out()).contains("trigger.occurrences (gt): failed - 1 greaterthan 2 does not hold")
                .contains("=== RULE DOES NOT MATCH ===");
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "name: x\n");
        assertThat(KeyCommandTest.run("rule", "test", "--rule", invalid.toString(), "--trigger-instance", high.toString())
                .code()).isEqualTo(2);
    }
}
