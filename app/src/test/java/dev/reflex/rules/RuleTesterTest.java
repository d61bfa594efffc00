package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.rules.RuleTestReport.CriterionReport;
import dev.reflex.rules.RuleTestReport.Outcome;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleTesterTest {

    private final RuleTester tester = new RuleTester(Fixtures.TEMPLATES, k -> Optional.empty(), Clock.systemUTC());

    @Test
    void explainsEachCriterion() {
        Rule rule = Fixtures.rule("""
                name: r
                pack: p
                enabled: true
                trigger: {type: t.one}
                action: {ref: x.y}
                criteria:
                  trigger.name: {type: equals, pattern: "{{ 'web' ~ '-01' }}"}
                  trigger.n: {type: gt, pattern: 2}
                  trigger.missing: {type: nequals, pattern: x}
                """);
        RuleTestReport ok = tester.test(rule, Fixtures.json("{\"name\": \"web-01\", \"n\": 3}"));
        assertThat(ok.matches()).isTrue();
        assertThat(ok.criteria()).containsExactly(
                new CriterionReport(0, "trigger.name", "equals", "web-01", "web-01", Outcome.PASSED, "'web-01' equals 'web-01' holds"),
                new CriterionReport(0, "trigger.n", "gt", 2L, 3L, Outcome.PASSED, "3 greaterthan 2 holds"),
                new CriterionReport(0, "trigger.missing", "nequals", "x", null, Outcome.PASSED,
                        "None (the key is missing or null) nequals 'x' holds"));
        assertThat(ok.format()).endsWith("=== RULE MATCHES ===").contains("trigger.n (gt): passed - 3 greaterthan 2 holds");

        RuleTestReport error = tester.test(rule, Fixtures.json("{\"name\": \"web-01\", \"n\": \"3\"}"));
        assertThat(error.matches()).isFalse();
        assertThat(error.criteria()).extracting(CriterionReport::outcome)
                .containsExactly(Outcome.PASSED, Outcome.ERROR, Outcome.NOT_EVALUATED);
        assertThat(error.failures()).singleElement().asString().endsWith("'>' not supported between instances of 'str' and 'int'");
        assertThat(error.format()).endsWith("=== RULE DOES NOT MATCH ===");
    }

    @Test
    void reportsDisabledRulesWrongTriggersAndEmptyPayloads() {
        Rule rule = Fixtures.rule("{name: r, trigger: {type: t.one}, action: {ref: x.y}, criteria: {trigger.a: {type: exists, pattern: x}}}");
        RuleTestReport disabled = tester.test(rule, Fixtures.json("{\"a\": 1}"));
        assertThat(disabled.criteriaHold()).isTrue();
        assertThat(disabled.matches()).isFalse();
        assertThat(disabled.format()).contains("the rule is disabled");
        RuleTestReport other = tester.test(rule.withEnabled(true), Fixtures.instance("t.two", Fixtures.json("{\"a\": 1}")));
        assertThat(other.triggerMatches()).isFalse();
        assertThat(other.matches()).isFalse();
        RuleTestReport empty = tester.test(rule.withEnabled(true), Fixtures.json("{}"));
        assertThat(empty.matches()).isFalse();
        assertThat(empty.criteria()).singleElement().extracting(CriterionReport::explanation).asString().contains("empty");
    }

    @Test
    void aSearchIsListedBeforeItsChildren() {
        Rule rule = Fixtures.rule("""
                name: r
                enabled: true
                trigger: {type: t.one}
                action: {ref: x.y}
                criteria:
                  trigger.fields:
                    type: search
                    condition: any
                    pattern:
                      item.field_name: {type: equals, pattern: Status}
                      item.to_value: {type: equals, pattern: Approved}
                """);
        RuleTestReport r = tester.test(rule, Fixtures.json("""
                {"fields": [{"field_name": "Status", "to_value": "Open"}, {"field_name": "Status", "to_value": "Approved"}]}"""));
        assertThat(r.matches()).isTrue();
        assertThat(r.criteria()).extracting(c -> c.depth() + " " + c.key() + " " + c.outcome()).containsExactly(
                "0 trigger.fields PASSED", "1 item.field_name PASSED", "1 item.to_value FAILED",
                "1 item.field_name PASSED", "1 item.to_value PASSED");
    }
}
