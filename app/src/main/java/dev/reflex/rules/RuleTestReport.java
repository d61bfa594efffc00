package dev.reflex.rules;

import dev.reflex.template.PyRepr;
import java.util.List;

/**
 * Why a rule does or does not match a trigger instance, criterion by criterion: what
 * {@code st2-rule-tester} prints.
 *
 * @param ruleRef        the rule
 * @param enabled        whether the rule is enabled (a disabled rule never matches)
 * @param triggerMatches whether the instance is of the rule's trigger (true when only a payload was given)
 * @param criteriaHold   whether the criteria hold for the payload
 * @param criteria       each criterion of the rule, and inside searches each child evaluation, in order
 * @param failures       the failure reasons an enforcement would record, for criteria that raised
 */
public record RuleTestReport(String ruleRef, boolean enabled, boolean triggerMatches, boolean criteriaHold,
                             List<CriterionReport> criteria, List<String> failures) {

    public RuleTestReport {
        criteria = List.copyOf(criteria);
        failures = List.copyOf(failures);
    }

    /** Whether the rule matches: enabled, right trigger, criteria hold. */
    public boolean matches() {
        return enabled && triggerMatches && criteriaHold;
    }

    /** The report as text, ending with {@code === RULE MATCHES ===} or {@code === RULE DOES NOT MATCH ===}. */
    public String format() {
        StringBuilder b = new StringBuilder("Rule ").append(ruleRef).append('\n');
        if (!enabled) {
            b.append("  the rule is disabled\n");
        }
        if (!triggerMatches) {
            b.append("  the trigger instance is not of the rule's trigger\n");
        }
        for (CriterionReport c : criteria) {
            b.append("  ".repeat(c.depth() + 1)).append(c.key()).append(" (").append(c.type()).append("): ")
                    .append(c.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(" - ").append(c.explanation()).append('\n');
        }
        for (String f : failures) {
            b.append("  ").append(f).append('\n');
        }
        return b.append(matches() ? "=== RULE MATCHES ===" : "=== RULE DOES NOT MATCH ===").toString();
    }

    /**
     * One criterion's evaluation.
     *
     * @param depth       0 for a rule's criterion, 1 and more for the children of a search
     * @param key         the key as written
     * @param type        the operator as written
     * @param pattern     the pattern after rendering (null when not evaluated or rendering failed)
     * @param value       the value found at the key (null when missing)
     * @param outcome     what happened
     * @param explanation why, in a sentence
     */
    public record CriterionReport(int depth, String key, String type, Object pattern, Object value, Outcome outcome,
                                  String explanation) {
    }

    /** What happened to a criterion. */
    public enum Outcome {
        /** It holds. */
        PASSED,
        /** It does not hold. */
        FAILED,
        /** It raised: the rule does not match and a failed enforcement would be recorded. */
        ERROR,
        /** An earlier criterion failed, so it was not evaluated (criteria stop at the first failure). */
        NOT_EVALUATED;

        static String describe(Object value, String operator, Object pattern, boolean passed) {
            String v = value == null ? "None (the key is missing or null)" : PyRepr.repr(value);
            return v + " " + operator + " " + PyRepr.repr(pattern) + (passed ? " holds" : " does not hold");
        }
    }
}
