package dev.reflex.rules;

import dev.reflex.config.ConfigProblem;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Matches trigger instances against the current set of rules.
 *
 * <p>Rules are compiled once when they are added; the engine keeps an immutable {@link RuleIndex}
 * in an {@link AtomicReference} and replaces it whole on every change, so matching, which may run
 * on any number of threads, never waits for or sees a half-updated rule set. Changes are
 * serialised among themselves.
 */
public final class RuleEngine {

    private final RuleCompiler compiler;
    private final CriteriaEvaluator evaluator;
    private final Function<String, Optional<String>> keyValues;
    private final AtomicReference<RuleIndex> index = new AtomicReference<>(RuleIndex.EMPTY);
    private final Object writeLock = new Object();

    /**
     * An engine with no rules.
     *
     * @param templates the template engine for pattern templates
     * @param keyValues the datastore ({@code st2kv.system}): a key's decrypted value, or empty
     * @param clock     the clock of the time-difference operators
     */
    public RuleEngine(TemplateEngine templates, Function<String, Optional<String>> keyValues, Clock clock) {
        this.compiler = new RuleCompiler(templates);
        this.evaluator = new CriteriaEvaluator(templates, clock);
        this.keyValues = keyValues;
    }

    /**
     * Replaces every rule.
     *
     * @throws InvalidRuleException when a rule does not compile; no rule is changed then
     */
    public void replaceAll(Collection<Rule> rules) {
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule r : rules) {
            compiled.add(compile(r));
        }
        Map<String, CompiledRule> byRef = new LinkedHashMap<>();
        compiled.forEach(c -> byRef.put(c.rule().ref(), c));
        synchronized (writeLock) {
            index.set(RuleIndex.build(List.copyOf(byRef.values())));
        }
    }

    /**
     * Adds a rule, or replaces the rule with the same ref (keeping its place in the order).
     *
     * @throws InvalidRuleException when the rule does not compile; nothing changes then
     */
    public void put(Rule rule) {
        CompiledRule compiled = compile(rule);
        synchronized (writeLock) {
            Map<String, CompiledRule> byRef = byRef();
            byRef.put(rule.ref(), compiled);
            index.set(RuleIndex.build(List.copyOf(byRef.values())));
        }
    }

    /** Removes the rule with this ref; returns whether there was one. */
    public boolean remove(String ref) {
        synchronized (writeLock) {
            Map<String, CompiledRule> byRef = byRef();
            if (byRef.remove(ref) == null) {
                return false;
            }
            index.set(RuleIndex.build(List.copyOf(byRef.values())));
            return true;
        }
    }

    /** Whether an enabled rule listens to this trigger ref: if none does, its instances need no matching. */
    public boolean listensTo(String triggerRef) {
        return index.get().group(triggerRef) != null;
    }

    /** Every rule, enabled or not, in order. */
    public List<Rule> rules() {
        return index.get().rules().stream().map(CompiledRule::rule).toList();
    }

    /** The rules that match a trigger instance, and the criteria errors met on the way. */
    public MatchResult match(TriggerInstance instance) {
        RuleIndex.Group group = index.get().group(instance.trigger().ref());
        if (group == null) {
            return new MatchResult(instance, List.of(), List.of());
        }
        Outcome out = new Outcome(instance, EvaluationScope.of(instance.payload(), keyValues));
        if (group.oneWord()) {
            long bits = group.candidateWord(out.scope);
            long filed = ~group.unindexed[0];
            while (bits != 0) {
                int i = Long.numberOfTrailingZeros(bits);
                // A rule the index found already passed its filing criterion: no need to test it again.
                out.evaluate(group.standard[i], (filed & (1L << i)) != 0 ? group.filedAt[i] : -1);
                bits &= bits - 1;
            }
        } else {
            long[] candidates = group.candidates(out.scope);
            for (int w = 0; w < candidates.length; w++) {
                long bits = candidates[w];
                while (bits != 0) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                    out.evaluate(group.standard[i], (group.unindexed[w] & (1L << i)) == 0 ? group.filedAt[i] : -1);
                    bits &= bits - 1;
                }
            }
        }
        return out.finish(group);
    }

    /** {@link #match} without the equality index: every rule of the trigger evaluated in order. For tests. */
    MatchResult matchWithoutIndex(TriggerInstance instance) {
        RuleIndex.Group group = index.get().group(instance.trigger().ref());
        if (group == null) {
            return new MatchResult(instance, List.of(), List.of());
        }
        Outcome out = new Outcome(instance, EvaluationScope.of(instance.payload(), keyValues));
        for (CompiledRule r : group.standard) {
            out.evaluate(r, -1);
        }
        return out.finish(group);
    }

    /** The matches and failures of one trigger instance, gathered while its rules are evaluated. */
    private final class Outcome {
        private final TriggerInstance instance;
        private final EvaluationScope scope;
        private List<Rule> matched;
        private List<MatchResult.Failure> failures;
        private List<String> reasons;
        private CriteriaEvaluator.Failures failureLog;

        Outcome(TriggerInstance instance, EvaluationScope scope) {
            this.instance = instance;
            this.scope = scope;
        }

        /** Evaluates a rule, without its criterion at position {@code skip} (-1 for none). */
        void evaluate(CompiledRule r, int skip) {
            if (reasons == null) {
                reasons = new ArrayList<>(1);
                failureLog = new CriteriaEvaluator.Failures(instance.id(), reasons);
            }
            if (evaluator.matches(r, scope, failureLog, null, skip)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                }
                matched.add(r.rule());
            }
            if (!reasons.isEmpty()) {
                if (failures == null) {
                    failures = new ArrayList<>(1);
                }
                for (String reason : reasons) {
                    failures.add(new MatchResult.Failure(r.rule(), reason));
                }
                reasons.clear();
            }
        }

        /** Runs the backstop rules when no standard rule matched, and returns the result. */
        MatchResult finish(RuleIndex.Group group) {
            if (matched == null) {
                for (CompiledRule r : group.backstop) {
                    evaluate(r, -1);
                }
            }
            return new MatchResult(instance, matched == null ? List.of() : matched, failures == null ? List.of() : failures);
        }
    }

    private CompiledRule compile(Rule rule) {
        Parsed<CompiledRule> parsed = compiler.compile(rule, rule.ref());
        if (!parsed.ok()) {
            throw new InvalidRuleException(rule.ref(), parsed.problems());
        }
        return parsed.value();
    }

    private Map<String, CompiledRule> byRef() {
        Map<String, CompiledRule> byRef = new LinkedHashMap<>();
        for (CompiledRule c : index.get().rules()) {
            byRef.put(c.rule().ref(), c);
        }
        return byRef;
    }

    /** A rule that cannot be compiled; {@link #problems()} says why. */
    public static final class InvalidRuleException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<ConfigProblem> problems;

        InvalidRuleException(String ref, List<ConfigProblem> problems) {
            super("rule " + ref + " is not valid: " + problems);
            this.problems = List.copyOf(problems);
        }

        /** What is wrong. */
        public List<ConfigProblem> problems() {
            return problems;
        }
    }
}
