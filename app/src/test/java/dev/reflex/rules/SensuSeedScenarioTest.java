package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.template.PyJson;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerTypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's Sensu event, posted by the StackStorm handler as a {@code sensu.event_handler}
 * trigger instance, against seed 000's final {@code sensu.loadavg_diag} rule.
 */
class SensuSeedScenarioTest {

    /** The final rule of seed 000 ("Here is my final version of the rule"). */
    private static final String LOADAVG_DIAG = """
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

    /** The example event of seed 003 (Sensu's event data reference). */
    private static final String EVENT = """
            {
              "id": "ef6b87d2-1f89-439f-8bea-33881436ab90",
              "action": "create",
              "timestamp": 1460172826,
              "occurrences": 2,
              "check": {
                "type": "standard",
                "total_state_change": 11,
                "history": ["0", "0", "1", "1", "2", "2"],
                "status": 2,
                "output": "No keepalive sent from client for 230 seconds (>=180)",
                "executed": 1460172826,
                "issued": 1460172826,
                "name": "keepalive",
                "thresholds": {"critical": 180, "warning": 120}
              },
              "client": {
                "timestamp": 1460172596,
                "version": "1.2.0",
                "socket": {"port": 3030, "bind": "127.0.0.1"},
                "subscriptions": ["production"],
                "environment": "development",
                "address": "127.0.0.1",
                "name": "client-01"
              }
            }""";

    private final TriggerTypeRegistry types = TriggerTypeRegistry.withBuiltins();
    private final RuleEngine engine = new RuleEngine(Fixtures.TEMPLATES, k -> Optional.empty(), Clock.systemUTC());
    private final List<ExecutionRequest> requests = new ArrayList<>();
    private final RuleEnforcer enforcer = new RuleEnforcer(Fixtures.TEMPLATES, k -> Optional.empty(), ParameterCaster.IDENTITY,
            r -> {
                requests.add(r);
                return "ex-1";
            }, Clock.systemUTC(), () -> "enf-1", "stanley");

    /** The event as the handler posts it, {@code {trigger, payload}}, after {@code change}. */
    private TriggerInstance posted(Consumer<Map<String, Object>> change) {
        TriggerInstance ti = unvalidated(change);
        assertThat(types.validatePayload(ti.trigger().type(), ti.payload()).violations()).isEmpty();
        return ti;
    }

    @SuppressWarnings("unchecked")
    private static TriggerInstance unvalidated(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = Map.of("trigger", "sensu.event_handler", "payload", PyJson.loads(EVENT));
        Map<String, Object> event = (Map<String, Object>) body.get("payload");
        change.accept(event);
        return TriggerInstance.pending(event.get("id").toString(), Trigger.of((String) body.get("trigger"), Map.of()), event,
                Instant.ofEpochSecond((Long) event.get("timestamp")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> event) {
        return (Map<String, Object>) event.get("check");
    }

    private static void highLoad(Map<String, Object> event) {
        check(event).put("name", "check_load");
        check(event).put("output", "CheckLoad CRITICAL: load average: 8.41, 6.02, 4.80");
        event.put("occurrences", 3L);
    }

    @Test
    void theRuleMatchesAHighLoadEventAndRendersTheHostname() {
        engine.put(Fixtures.rule(LOADAVG_DIAG));
        MatchResult result = engine.match(posted(SensuSeedScenarioTest::highLoad));
        assertThat(result.matched()).extracting(Rule::ref).containsExactly("default.sensu.loadavg_diag");
        List<RuleEnforcement> enforcements = enforcer.enforceAll(result);
        assertThat(enforcements).singleElement().extracting(RuleEnforcement::status).isEqualTo(RuleEnforcement.Status.SUCCEEDED);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.actionRef()).isEqualTo("linux.diag_loadavg");
            assertThat(r.parameters()).isEqualTo(Map.of("hostname", "client-01"));
            assertThat(r.triggerInstanceId()).isEqualTo("ef6b87d2-1f89-439f-8bea-33881436ab90");
        });
    }

    @Test
    void theRuleDoesNotMatchWhenAnyCriterionFails() {
        engine.put(Fixtures.rule(LOADAVG_DIAG));
        assertThat(engine.match(posted(e -> { })).matched()).as("the seed's keepalive event as is").isEmpty();
        assertThat(engine.match(posted(e -> {
            highLoad(e);
            e.put("occurrences", 2L);
        })).matched()).as("occurrences must be above 2").isEmpty();
        assertThat(engine.match(posted(e -> {
            highLoad(e);
            e.put("action", "resolve");
        })).matched()).as("only on create").isEmpty();
        assertThat(engine.match(posted(e -> {
            highLoad(e);
            check(e).put("output", "CheckLoad OK: load average: 0.4");
        })).matched()).as("output must say CRITICAL").isEmpty();
        TriggerInstance stringCount = unvalidated(e -> {
            highLoad(e);
            e.put("occurrences", "3");
        });
        assertThat(types.validatePayload("sensu.event_handler", stringCount.payload()).violations())
                .extracting(Object::toString).containsExactly("'3' is not of type 'integer' (at /occurrences)");
        assertThat(engine.match(stringCount).failures()).as("a string occurrence count is not coerced: the criterion raises")
                .hasSize(1);
    }

    @Test
    void theTesterExplainsTheSameOutcome() {
        RuleTester tester = new RuleTester(Fixtures.TEMPLATES, k -> Optional.empty(), Clock.systemUTC());
        Rule rule = Fixtures.rule(LOADAVG_DIAG);
        assertThat(tester.test(rule, posted(SensuSeedScenarioTest::highLoad)).matches()).isTrue();
        RuleTestReport report = tester.test(rule, posted(e -> { }));
        assertThat(report.matches()).isFalse();
        assertThat(report.criteria()).extracting(RuleTestReport.CriterionReport::outcome).containsExactly(
                RuleTestReport.Outcome.FAILED, RuleTestReport.Outcome.NOT_EVALUATED, RuleTestReport.Outcome.NOT_EVALUATED,
                RuleTestReport.Outcome.NOT_EVALUATED);
        assertThat(report.criteria().getFirst().explanation()).isEqualTo("'keepalive' equals 'check_load' does not hold");
    }
}
