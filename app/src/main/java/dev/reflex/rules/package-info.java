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
 *
 * <p>Where StackStorm has a known flaw, Reflex differs, on purpose:
 * <ul>
 *   <li>a pattern that reads the datastore ({@code "{{ st2kv.system.build }}"}) works; StackStorm
 *       fails it with "Object of type KeyValueLookup is not JSON serializable" (st2#5260);</li>
 *   <li>a criteria key {@code system.<name>} reads the datastore value; StackStorm compares a
 *       lookup object, which equals nothing;</li>
 *   <li>an unparsable key, an invalid regular expression, a template with a syntax error or an
 *       unknown search condition is a load-time problem of the rule, not a failure recorded for
 *       every trigger instance;</li>
 *   <li>action parameters that are lists or maps are rendered string by string, so a value
 *       containing a quote cannot break them (StackStorm renders their JSON text);</li>
 *   <li>a rendering failure is passed to {@link dev.reflex.rules.ExecutionRequestSink#rejected}
 *       and its execution, if the sink creates one, is linked from the enforcement.</li>
 * </ul>
 * Known gaps of the Jinja emulation: a condition over an undefined variable
 * ({@code {% if trigger.missing %}}) is false instead of an error (output and filters are strict);
 * a dotted datastore key {@code a.b} cannot be read when a key {@code a} also exists.
 */
package dev.reflex.rules;
