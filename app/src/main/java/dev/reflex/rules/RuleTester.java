package dev.reflex.rules;

import dev.reflex.rules.RuleTestReport.CriterionReport;
import dev.reflex.rules.RuleTestReport.Outcome;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Explains whether a rule matches a trigger instance, criterion by criterion: the library behind
 * a {@code reflex rule test} command, like StackStorm's {@code st2-rule-tester}. It evaluates
 * exactly as the {@link RuleEngine} does.
 */
public final class RuleTester {

    private final RuleCompiler compiler;
    private final CriteriaEvaluator evaluator;
    private final Function<String, Optional<String>> keyValues;

    /**
     * A tester.
     *
     * @param templates the template engine
     * @param keyValues the datastore: a key's decrypted value, or empty
     * @param clock     the clock of the time-difference operators
     */
    public RuleTester(TemplateEngine templates, Function<String, Optional<String>> keyValues, Clock clock) {
        this.compiler = new RuleCompiler(templates);
        this.evaluator = new CriteriaEvaluator(templates, clock);
        this.keyValues = keyValues;
    }

    /** Tests a rule against a payload, as if it came from the rule's own trigger. */
    public RuleTestReport test(Rule rule, Map<String, Object> payload) {
        Trigger trigger = Trigger.of(rule.trigger().type(), rule.trigger().parameters());
        return test(rule, TriggerInstance.pending("test", trigger, payload, java.time.Instant.EPOCH));
    }

    /**
     * Tests a rule against a trigger instance.
     *
     * @throws RuleEngine.InvalidRuleException when the rule does not compile
     */
    public RuleTestReport test(Rule rule, TriggerInstance instance) {
        Parsed<CompiledRule> parsed = compiler.compile(rule, rule.ref());
        if (!parsed.ok()) {
            throw new RuleEngine.InvalidRuleException(rule.ref(), parsed.problems());
        }
        CompiledRule compiled = parsed.value();
        List<CriterionReport> reports = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean hold = evaluator.matches(compiled, instance.id(), EvaluationScope.of(instance.payload(), keyValues), failures,
                (depth, c, value, pattern, passed, error) -> addBeforeItsChildren(reports, new CriterionReport(depth, c.key(),
                        c.type(), pattern, value, error != null ? Outcome.ERROR : passed ? Outcome.PASSED : Outcome.FAILED,
                        error != null ? error : Outcome.describe(value, c.operator().name(), pattern, passed))));
        if (!compiled.criteria().isEmpty() && instance.payload().isEmpty()) {
            reports.add(new CriterionReport(0, "trigger", "-", null, null, Outcome.FAILED,
                    "the payload is empty, and a rule with criteria never matches an empty payload"));
        }
        int evaluated = (int) reports.stream().filter(r -> r.depth() == 0).count();
        for (int i = evaluated; i < compiled.criteria().size() && !instance.payload().isEmpty(); i++) {
            CompiledCriterion c = compiled.criteria().get(i);
            reports.add(new CriterionReport(0, c.key(), c.type(), null, null, Outcome.NOT_EVALUATED,
                    "not evaluated: an earlier criterion failed"));
        }
        boolean rightTrigger = instance.trigger().ref().equals(compiled.triggerRef());
        return new RuleTestReport(rule.ref(), rule.enabled(), rightTrigger, hold, reports, failures);
    }

    /** A search reports its children before itself; list it first. */
    private static void addBeforeItsChildren(List<CriterionReport> reports, CriterionReport report) {
        int at = reports.size();
        while (at > 0 && reports.get(at - 1).depth() > report.depth()) {
            at--;
        }
        reports.add(at, report);
    }
}
