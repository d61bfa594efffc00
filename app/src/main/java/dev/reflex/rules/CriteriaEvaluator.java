package dev.reflex.rules;

import dev.reflex.rules.CompiledCriterion.Literal;
import dev.reflex.rules.CompiledCriterion.Rendered;
import dev.reflex.template.PyJson;
import dev.reflex.template.PyRegex;
import dev.reflex.template.PyRepr;
import dev.reflex.template.PyTypes;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates compiled criteria against a payload exactly as StackStorm's {@code RuleFilter} does:
 * criteria in order, stopping at the first that fails; every error (in a pattern template, a key,
 * an operator) makes the criterion fail and is reported as a failure reason.
 */
final class CriteriaEvaluator {

    /** Receives each criterion evaluated, for explanations; see {@link RuleTester}. */
    interface Trace {
        /**
         * One criterion was evaluated.
         *
         * @param depth    0 for a rule's criterion, 1 and more inside a search
         * @param value    the value found at the key
         * @param pattern  the pattern after rendering
         * @param passed   the outcome
         * @param error    why it failed with an error, or null
         */
        void criterion(int depth, CompiledCriterion criterion, Object value, Object pattern, boolean passed, String error);
    }

    private static final Object NOT_JSON = new Object();

    private final TemplateEngine templates;
    private final Clock clock;

    CriteriaEvaluator(TemplateEngine templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Whether a rule's criteria hold.
     *
     * @param failures receives StackStorm-style failure reasons for criteria that raised
     * @param trace    receives every criterion evaluated, or null
     */
    boolean matches(CompiledRule rule, String triggerInstanceId, EvaluationScope scope, List<String> failures, Trace trace) {
        return matches(rule, triggerInstanceId, scope, failures, trace, -1);
    }

    /**
     * As {@link #matches(CompiledRule, String, EvaluationScope, List, Trace)}, skipping the criterion
     * at position {@code skip}, which the caller knows holds and cannot raise (-1: skip none).
     */
    boolean matches(CompiledRule rule, String triggerInstanceId, EvaluationScope scope, List<String> failures, Trace trace,
                    int skip) {
        return matches(rule, scope, new Failures(triggerInstanceId, failures), trace, skip);
    }

    /** The same, reporting into a reusable {@link Failures}. */
    boolean matches(CompiledRule rule, EvaluationScope scope, Failures failures, Trace trace, int skip) {
        List<CompiledCriterion> criteria = rule.criteria();
        if (criteria.isEmpty()) {
            return true;
        }
        if (scope.emptyPayload()) {
            return false;
        }
        Failures sink = failures;
        sink.rule = rule.rule();
        for (int i = 0, n = criteria.size(); i < n; i++) {
            if (i != skip && !check(criteria.get(i), scope, sink, trace, 0)) {
                return false;
            }
        }
        return true;
    }

    /** StackStorm's {@code _check_criterion}. */
    private boolean check(CompiledCriterion c, EvaluationScope scope, Failures failures, Trace trace, int depth) {
        Object pattern;
        try {
            pattern = pattern(c, scope);
        } catch (RuntimeException e) {
            String error = failures.add("Failed to render pattern value \"" + patternText(c) + "\" for key \"" + c.key() + "\"", e);
            report(trace, depth, c, null, null, error);
            return false;
        }
        Object value;
        try {
            value = scope.lookup(c.path());
        } catch (RuntimeException e) {
            String error = failures.add("Failed transforming criteria key " + c.key(), e);
            report(trace, depth, c, null, pattern, error);
            return false;
        }
        boolean passed;
        try {
            passed = apply(c, value, pattern, scope, failures, trace, depth);
        } catch (RuntimeException e) {
            String error = failures.add("There might be a problem with the criteria in rule " + failures.rule.ref(), e);
            report(trace, depth, c, value, pattern, error);
            return false;
        }
        if (trace != null) {
            trace.criterion(depth, c, value, pattern, passed, null);
        }
        return passed;
    }

    private static void report(Trace trace, int depth, CompiledCriterion c, Object value, Object pattern, String error) {
        if (trace != null) {
            trace.criterion(depth, c, value, pattern, false, error);
        }
    }

    /** StackStorm's {@code _render_criteria_pattern}. */
    private Object pattern(CompiledCriterion c, EvaluationScope scope) {
        return switch (c.pattern()) {
            case Literal literal -> literal.value();
            case Rendered rendered -> {
                if (rendered.complex() != null) {
                    Object decoded = PyJson.loadsOr(templates.render(rendered.complex(), scope.templateContext()), NOT_JSON);
                    if (decoded != NOT_JSON) {
                        yield decoded;
                    }
                }
                yield templates.render(rendered.template(), scope.templateContext());
            }
        };
    }

    private boolean apply(CompiledCriterion c, Object v, Object p, EvaluationScope scope, Failures failures, Trace trace,
                          int depth) {
        return switch (c.operator()) {
            case Operator.Equality e -> {
                if (e.negated()) {
                    yield !PyOps.eq(v, p);
                }
                if (p == null) {
                    yield false;
                }
                yield e.ignoreCase() ? PyOps.lower(v).equals(PyOps.lower(p)) : PyOps.eq(v, p);
            }
            case Operator.Contains op -> {
                if (p == null) {
                    yield false;
                }
                boolean in = op.ignoreCase() ? PyOps.in(PyOps.lower(p), PyOps.lower(v)) : PyOps.in(p, v);
                yield op.negated() != in;
            }
            case Operator.Affix op -> {
                if (p == null) {
                    yield false;
                }
                yield op.ignoreCase() ? PyOps.affix(PyOps.lower(v), PyOps.lower(p), op.prefix()) : PyOps.affix(v, p, op.prefix());
            }
            case Operator.Ordering op -> p != null && PyOps.order(v, p, op.less());
            case Operator.Wildcard op -> {
                if (p == null) {
                    yield false;
                }
                if (!(v instanceof String s)) {
                    throw new PyError("expected str, bytes or os.PathLike object, not " + PyTypes.name(v));
                }
                if (!(p instanceof String ps)) {
                    throw new PyError("expected str, bytes or os.PathLike object, not " + PyTypes.name(p));
                }
                Literal lit = c.pattern() instanceof Literal l ? l : null;
                yield (lit != null && lit.wildcard() != null ? lit.wildcard() : Fnmatch.compile(ps)).matcher(s).matches();
            }
            case Operator.Regex op -> {
                if (p == null) {
                    yield false;
                }
                PyRegex regex = regex(c, op, p);
                if (!(v instanceof String s)) {
                    throw new PyError("expected string or bytes-like object, got '" + PyTypes.name(v) + "'");
                }
                yield op.anchored() ? regex.matchesAtStart(s) : regex.find(s);
            }
            case Operator.TimeDiff op -> {
                if (p == null) {
                    yield false;
                }
                Instant then = PyDates.parse(v);
                double seconds = Duration.between(then, clock.instant()).toNanos() / 1e9;
                double period = PyOps.toFloat(p);
                yield op.less() ? seconds < period : seconds > period;
            }
            case Operator.Existence op -> op.exists() == (v != null);
            case Operator.Inside op -> {
                if (p == null) {
                    yield false;
                }
                yield op.negated() != PyOps.in(v, p);
            }
            case Operator.Search op -> search(c, v, scope, failures, trace, depth);
        };
    }

    private static PyRegex regex(CompiledCriterion c, Operator.Regex op, Object p) {
        if (c.pattern() instanceof Literal l && l.regex() != null) {
            return l.regex();
        }
        if (!(p instanceof String ps)) {
            throw new PyError("first argument must be string or compiled pattern");
        }
        try {
            return PyRegex.compile(ps, (op.ignoreCase() ? PyRegex.IGNORECASE : 0) | (op.dotAll() ? PyRegex.DOTALL : 0));
        } catch (PatternSyntaxException e) {
            throw new PyError(e.getDescription() + " at position " + e.getIndex());
        }
    }

    /** StackStorm's {@code search} operator: child criteria over the items of a list (a dict is one item). */
    private boolean search(CompiledCriterion c, Object v, EvaluationScope scope, Failures failures, Trace trace, int depth) {
        List<?> items = v instanceof Map<?, ?> ? List.of(v) : v instanceof List<?> l ? l : null;
        if (items == null) {
            throw new PyError("'" + PyTypes.name(v) + "' object is not iterable");
        }
        boolean anyItem = c.condition().equals("any") || c.condition().equals("any2any");
        boolean anyPattern = c.condition().equals("any2any") || c.condition().equals("all2any");
        // StackStorm evaluates every child for every item (list comprehensions), then combines; when no
        // child can raise, stopping early gives the same outcome and is what the engine does.
        boolean early = trace == null && c.childrenSafe();
        boolean result = !anyItem;
        for (Object item : items) {
            EvaluationScope itemScope = scope.item(item);
            boolean itemResult = !anyPattern;
            for (CompiledCriterion child : c.children()) {
                boolean ok = check(child, itemScope, failures, trace, depth + 1);
                itemResult = anyPattern ? itemResult || ok : itemResult && ok;
                if (early && itemResult == anyPattern) {
                    break;
                }
            }
            result = anyItem ? result || itemResult : result && itemResult;
            if (early && result == anyItem) {
                break;
            }
        }
        return result;
    }

    private static String patternText(CompiledCriterion c) {
        return c.pattern() instanceof Rendered r ? r.template().source() : PyRepr.str(((Literal) c.pattern()).value());
    }

    /** Formats failure reasons as StackStorm's {@code _create_rule_enforcement} does; reusable across rules. */
    static final class Failures {
        private Rule rule;
        private final String triggerInstanceId;
        private final List<String> out;

        Failures(String triggerInstanceId, List<String> out) {
            this.triggerInstanceId = triggerInstanceId;
            this.out = out;
        }

        String add(String reason, RuntimeException e) {
            String message = e instanceof TemplateException te ? String.join("; ", te.problems()) : String.valueOf(e.getMessage());
            String full = "Failed to match rule \"" + rule.ref() + "\" against trigger instance \"" + triggerInstanceId + "\": "
                    + reason + ": " + message;
            out.add(full);
            return full;
        }
    }
}
