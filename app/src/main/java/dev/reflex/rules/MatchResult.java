package dev.reflex.rules;

import dev.reflex.triggers.TriggerInstance;
import java.util.List;

/**
 * The rules a trigger instance matched, and the criteria that failed with an error on the way.
 *
 * @param triggerInstance the instance
 * @param matched         matching rules to enforce, in rule order: standard rules, or when none
 *                        matched, the matching backstop rules
 * @param failures        criteria that raised while matching (each becomes a failed enforcement)
 */
public record MatchResult(TriggerInstance triggerInstance, List<Rule> matched, List<Failure> failures) {

    public MatchResult {
        matched = List.copyOf(matched);
        failures = List.copyOf(failures);
    }

    /**
     * A criterion that raised while a rule was matched: the rule did not match.
     *
     * @param rule   the rule
     * @param reason StackStorm's failure reason, such as {@code Failed to match rule "p.r" against
     *               trigger instance "…": There might be a problem with the criteria in rule p.r:
     *               '<' not supported between instances of 'str' and 'int'}
     */
    public record Failure(Rule rule, String reason) {
    }
}
