package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.reflex.app.App;
import dev.reflex.rules.MatchResult;
import dev.reflex.rules.Parsed;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleEnforcement;
import dev.reflex.rules.RuleEnforcer;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.RuleParser;
import dev.reflex.runners.mail.SmtpConfig;
import dev.reflex.template.PyJson;
import dev.reflex.template.TemplateEngine;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerTypeRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule enforcements become real executions through {@link RuleExecutionSink}: seed 000's
 * {@code sensu.event_to_email} rule, loaded from a pack, mails the seed 003 event; a trigger value
 * rendered into {@code core.local}'s command stays data. The rules engine is driven directly (the
 * webhook pipeline is wired in App by the triggers work).
 */
class RuleToExecutionTest {

    /** Seed 000's rule, as the blog post gives it. */
    private static final String EVENT_TO_EMAIL = """
            ---
              name: "sensu.event_to_email"
              description: "Email all sensu events"
              trigger:
                type: "sensu.event_handler"
                parameters: {}
              criteria: {}
              action:
                ref: "core.sendmail"
                parameters:
                  to: "fake@email.com"
                  subject: "'[SENSU] {{trigger.client.name}} - {{trigger.check.name}}'"
                  body: "{{trigger}}"
              enabled: true
            """;

    /** Seed 003's example event. */
    private static final String EVENT = """
            {"id": "ef6b87d2-1f89-439f-8bea-33881436ab90", "action": "create", "timestamp": 1460172826,
             "occurrences": 2,
             "check": {"type": "standard", "total_state_change": 11, "history": ["0", "0", "1", "1", "2", "2"],
                       "status": 2, "output": "No keepalive sent from client for 230 seconds (>=180)",
                       "executed": 1460172826, "issued": 1460172826, "name": "keepalive",
                       "thresholds": {"critical": 180, "warning": 120}},
             "client": {"timestamp": 1460172596, "version": "1.2.0", "socket": {"port": 3030, "bind": "127.0.0.1"},
                        "subscriptions": ["production"], "environment": "development", "address": "127.0.0.1",
                        "name": "client-01"}}""";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final AtomicLong IDS = new AtomicLong();
    @TempDir
    static Path dir;
    static GreenMail mail;
    static App app;
    static RuleEngine engine;
    static RuleEnforcer enforcer;
    static RuleParser parser;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Path pack = Files.createDirectories(dir.resolve("packs/sensu/rules"));
        Files.writeString(pack.getParent().resolve("pack.yaml"), "ref: sensu\nname: sensu\nversion: 0.1.0\ndescription: Sensu rules for tests\nauthor: tests\n");
        Files.writeString(pack.resolve("event_to_email.yaml"), EVENT_TO_EMAIL);
        Path triggers = Files.createDirectories(dir.resolve("packs/sensu/triggers"));
        Files.writeString(triggers.resolve("event_handler.yaml"),
                "name: event_handler\npack: sensu\ndescription: Sensu event handler\n");
        app = new App(EmbeddedReflex.config(dir.resolve("data")).withPackPaths(List.of(dir.resolve("packs"))),
                Clock.systemUTC(), RunnerSettings.defaults()
                .withSmtp(SmtpConfig.plain("127.0.0.1", mail.getSmtp().getPort(), "reflex@example.org"))).start();
        TemplateEngine templates = new TemplateEngine();
        parser = new RuleParser(templates, TriggerTypeRegistry.withBuiltins());
        engine = new RuleEngine(templates, k -> Optional.empty(), Clock.systemUTC());
        enforcer = new RuleEnforcer(templates, k -> Optional.empty(), app.executions().caster(),
                app.executions().ruleSink(), Clock.systemUTC(), () -> "enf-" + IDS.incrementAndGet(), "stanley");
    }

    @AfterAll
    static void stop() {
        app.close();
        mail.stop();
    }

    static Rule rule(String yaml, String pack) throws Exception {
        Parsed<Rule> p = parser.parse(YAML.readTree(yaml), pack + ".yaml");
        assertThat(p.problems()).isEmpty();
        return p.value();
    }

    static TriggerInstance instance(String type, Map<String, Object> payload) {
        return TriggerInstance.pending("ti-" + IDS.incrementAndGet(), Trigger.of(type, Map.of()), payload, Instant.now());
    }

    static Execution awaitCompleted(String id) {
        Execution[] last = new Execution[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = app.executions().executions().find(id).orElseThrow();
            return last[0].status().completed();
        });
        return last[0];
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSeedRuleFromAPackMailsTheSeedEvent() throws Exception {
        String yaml = Files.readString(dir.resolve("packs/sensu/rules/event_to_email.yaml"));
        engine.put(rule(yaml, "sensu"));
        TriggerInstance ti = instance("sensu.event_handler", (Map<String, Object>) PyJson.loads(EVENT));
        MatchResult match = engine.match(ti);
        List<RuleEnforcement> enforcements = enforcer.enforceAll(match);
        engine.remove(match.matched().get(0).ref());
        assertThat(enforcements).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(RuleEnforcement.Status.SUCCEEDED);
            assertThat(e.executionId()).isNotNull();
        });
        Execution done = awaitCompleted(enforcements.get(0).executionId());
        assertThat(done.status()).as(String.valueOf(done.result())).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.ruleRef()).isEqualTo(match.matched().get(0).ref());
        assertThat(done.triggerInstanceId()).isEqualTo(ti.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> mail.getReceivedMessages().length > 0);
        MimeMessage sent = mail.getReceivedMessages()[0];
        // StackStorm quotes the script argument, so the rule's own single quotes reach the subject too.
        assertThat(sent.getSubject()).contains("[SENSU] client-01 - keepalive");
        assertThat(sent.getAllRecipients()[0].toString()).isEqualTo("fake@email.com");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(sent)).contains("No keepalive sent from client");
    }

    @Test
    void theSeedEventPostedToTheWebhookMailsThroughThePacksRule() throws Exception {
        int before = mail.getReceivedMessages().length;
        var response = dev.reflex.testkit.Http.local(app.httpPort()).post("/api/v1/webhooks/st2",
                "{\"trigger\": \"sensu.event_handler\", \"payload\": " + EVENT + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length > before);
        MimeMessage sent = mail.getReceivedMessages()[before];
        assertThat(sent.getSubject()).contains("[SENSU] client-01 - keepalive");
        List<Execution> runs = app.executions().executions().list(new ExecutionQuery("core.sendmail", null,
                "sensu.sensu.event_to_email", null, null, null, null, 10, 0));
        assertThat(runs).isNotEmpty();
    }

    @Test
    void aTriggerValueRenderedIntoACommandIsNotExecuted() throws Exception {
        Path pwned = dir.resolve("pwned");
        String yaml = """
                name: inject_me
                pack: test
                trigger: {type: core.st2.webhook, parameters: {url: inject}}
                action:
                  ref: core.local
                  parameters:
                    cmd: "echo {{trigger.body.x}}"
                enabled: true
                """;
        engine.put(rule(yaml, "test"));
        TriggerInstance ti = TriggerInstance.pending("ti-inject", Trigger.of("core.st2.webhook", Map.of("url", "inject")),
                Map.of("headers", Map.of(), "body", Map.of("x", "x; touch " + pwned)), Instant.now());
        List<RuleEnforcement> enforcements = enforcer.enforceAll(engine.match(ti));
        engine.remove("test.inject_me");
        assertThat(enforcements).singleElement().extracting(RuleEnforcement::status)
                .isEqualTo(RuleEnforcement.Status.SUCCEEDED);
        Execution done = awaitCompleted(enforcements.get(0).executionId());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.result().get("stdout")).isEqualTo("x; touch " + pwned);
        assertThat(done.parameters().get("cmd")).isEqualTo("echo 'x; touch " + pwned + "'");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void aValueThatCannotBeCastFailsTheEnforcementNamingTheParameter() throws Exception {
        String yaml = """
                name: bad_cast
                pack: test
                trigger: {type: core.st2.webhook, parameters: {url: cast}}
                action:
                  ref: core.pause
                  parameters:
                    max_pause: "{{trigger.body.n}}"
                enabled: true
                """;
        engine.put(rule(yaml, "test"));
        TriggerInstance ti = TriggerInstance.pending("ti-cast", Trigger.of("core.st2.webhook", Map.of("url", "cast")),
                Map.of("headers", Map.of(), "body", Map.of("n", "soon")), Instant.now());
        List<RuleEnforcement> enforcements = enforcer.enforceAll(engine.match(ti));
        engine.remove("test.bad_cast");
        assertThat(enforcements).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(RuleEnforcement.Status.FAILED);
            assertThat(e.failureReason()).contains("max_pause").contains("invalid literal for int()");
        });
    }
}
