/**
 * Rules: the StackStorm rule model, its criteria operators, the matcher index and rule
 * enforcement.
 *
 * <p>The flow is: a rule document (YAML or JSON, already parsed into a tree) goes through
 * {@link dev.reflex.rules.RuleParser} into a {@link dev.reflex.rules.Rule}; the
 * {@link dev.reflex.rules.RuleEngine} compiles rules once (paths parsed, regular expressions and
 * templates compiled) into an index by trigger and by equality criteria, and for each trigger
 * instance returns the rules that match ({@link dev.reflex.rules.MatchResult}); the
 * {@link dev.reflex.rules.RuleEnforcer} renders the action parameters of each matched rule and hands
 * an {@link dev.reflex.rules.ExecutionRequest} to an {@link dev.reflex.rules.ExecutionRequestSink},
 * recording a {@link dev.reflex.rules.RuleEnforcement}. The {@link dev.reflex.rules.RuleTester}
 * explains, criterion by criterion, why a rule does or does not match a payload.
 *
 * <p>Matching follows StackStorm exactly (see {@code shared/reference/stackstorm.md} §1): no type
 * coercion, {@code matchregex} anchored and {@code regex} not, {@code nequals} true on a missing
 * key, patterns that are Jinja templates rendered and JSON-decoded, every matching rule fired,
 * backstop rules only when no standard rule matched, and an error in a criterion recorded as a
 * failed enforcement.
 */
package dev.reflex.rules;
