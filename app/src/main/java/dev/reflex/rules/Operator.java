package dev.reflex.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A criteria operator. Each variant carries its canonical name; {@link #byName(String)} also knows
 * the aliases ({@code eq}, {@code lt}, {@code in}…). Semantics are those of StackStorm's
 * {@code st2common/operators.py}, implemented by {@link CriteriaEvaluator}.
 */
public sealed interface Operator {

    /** The canonical name, such as {@code equals} for {@code eq}. */
    String name();

    /** {@code equals}, {@code nequals}, {@code iequals}. */
    record Equality(String name, boolean negated, boolean ignoreCase) implements Operator {
    }

    /** {@code contains}, {@code ncontains}, {@code icontains}, {@code incontains}: the pattern inside the value. */
    record Contains(String name, boolean negated, boolean ignoreCase) implements Operator {
    }

    /** {@code startswith}, {@code istartswith}, {@code endswith}, {@code iendswith}. */
    record Affix(String name, boolean prefix, boolean ignoreCase) implements Operator {
    }

    /** {@code lessthan}, {@code greaterthan}. */
    record Ordering(String name, boolean less) implements Operator {
    }

    /** {@code matchwildcard}: shell-style {@code * ? [..]} over the whole value. */
    record Wildcard(String name) implements Operator {
    }

    /** {@code matchregex} (anchored at the start, dot matches newline), {@code regex}, {@code iregex} (anywhere). */
    record Regex(String name, boolean anchored, boolean ignoreCase, boolean dotAll) implements Operator {
    }

    /** {@code timediff_lt}, {@code timediff_gt}: seconds from the value's date to now. */
    record TimeDiff(String name, boolean less) implements Operator {
    }

    /** {@code exists}, {@code nexists}: the value is (not) null. */
    record Existence(String name, boolean exists) implements Operator {
    }

    /** {@code inside}, {@code ninside}: the value inside the pattern. */
    record Inside(String name, boolean negated) implements Operator {
    }

    /** {@code search}: child criteria applied to the items of a list. */
    record Search(String name) implements Operator {
    }

    /** Every operator name StackStorm accepts, aliases included, in its order. */
    static Map<String, Operator> all() {
        return Names.ALL;
    }

    /** The operator named exactly {@code name} (names are lower case, as StackStorm's validation requires). */
    static Optional<Operator> byName(String name) {
        return Optional.ofNullable(Names.ALL.get(name));
    }

    /** The table of names. */
    final class Names {
        private static final Map<String, Operator> ALL = build();

        private Names() {
        }

        private static Map<String, Operator> build() {
            Map<String, Operator> m = new LinkedHashMap<>();
            m.put("matchwildcard", new Wildcard("matchwildcard"));
            m.put("matchregex", new Regex("matchregex", true, false, true));
            m.put("regex", new Regex("regex", false, false, false));
            m.put("iregex", new Regex("iregex", false, true, false));
            Operator eq = new Equality("equals", false, false);
            m.put("eq", eq);
            m.put("equals", eq);
            Operator neq = new Equality("nequals", true, false);
            m.put("nequals", neq);
            m.put("neq", neq);
            Operator ieq = new Equality("iequals", false, true);
            m.put("ieq", ieq);
            m.put("iequals", ieq);
            m.put("contains", new Contains("contains", false, false));
            m.put("icontains", new Contains("icontains", false, true));
            m.put("ncontains", new Contains("ncontains", true, false));
            m.put("incontains", new Contains("incontains", true, true));
            m.put("startswith", new Affix("startswith", true, false));
            m.put("istartswith", new Affix("istartswith", true, true));
            m.put("endswith", new Affix("endswith", false, false));
            m.put("iendswith", new Affix("iendswith", false, true));
            Operator lt = new Ordering("lessthan", true);
            m.put("lt", lt);
            m.put("lessthan", lt);
            Operator gt = new Ordering("greaterthan", false);
            m.put("gt", gt);
            m.put("greaterthan", gt);
            Operator tdLt = new TimeDiff("timediff_lt", true);
            m.put("td_lt", tdLt);
            m.put("timediff_lt", tdLt);
            Operator tdGt = new TimeDiff("timediff_gt", false);
            m.put("td_gt", tdGt);
            m.put("timediff_gt", tdGt);
            m.put("exists", new Existence("exists", true));
            m.put("nexists", new Existence("nexists", false));
            Operator in = new Inside("inside", false);
            m.put("inside", in);
            m.put("in", in);
            Operator nin = new Inside("ninside", true);
            m.put("ninside", nin);
            m.put("nin", nin);
            m.put("search", new Search("search"));
            return java.util.Collections.unmodifiableMap(m);
        }
    }
}
