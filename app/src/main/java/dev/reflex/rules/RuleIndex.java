package dev.reflex.rules;

import dev.reflex.template.JsonPath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable index of enabled rules: by trigger, then, within a trigger, by the value a rule's
 * first literal {@code equals} criterion requires, so that a trigger instance is evaluated only
 * against rules that could match.
 *
 * <p>A rule is filed under an equality criterion only when every criterion before it is
 * side-effect free (cannot raise, so cannot record a failure); skipping the rule when the value
 * differs is then exactly what full evaluation would conclude. Values are compared with Python
 * equality: {@code 1}, {@code 1.0} and {@code True} are one key; {@code "1"} is another.
 */
final class RuleIndex {

    static final RuleIndex EMPTY = new RuleIndex(Map.of(), List.of());

    private final Map<String, Group> groups;
    private final List<CompiledRule> rules;

    private RuleIndex(Map<String, Group> groups, List<CompiledRule> rules) {
        this.groups = groups;
        this.rules = rules;
    }

    /** An index of {@code rules} (enabled ones only), which keep their order within a trigger. */
    static RuleIndex build(List<CompiledRule> rules) {
        Map<String, List<CompiledRule>> byTrigger = new LinkedHashMap<>();
        for (CompiledRule r : rules) {
            if (r.rule().enabled()) {
                byTrigger.computeIfAbsent(r.triggerRef(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Group> groups = new HashMap<>();
        byTrigger.forEach((trigger, list) -> groups.put(trigger, Group.of(list)));
        // HashMap rather than Map.copyOf: it compares cached hashes before calling equals.
        return new RuleIndex(groups, List.copyOf(rules));
    }

    /** Every rule indexed, enabled or not, in order. */
    List<CompiledRule> rules() {
        return rules;
    }

    /** The rules of a trigger, or null when no enabled rule listens to it. */
    Group group(String triggerRef) {
        return groups.get(triggerRef);
    }

    /** Whether a literal pattern can be a key of the equality index. */
    static boolean indexable(Object literal) {
        return canonical(literal) != null;
    }

    /**
     * The key under which a value is filed: equal keys exactly when Python's {@code ==} holds
     * (for strings and numbers); null for values that are never filed (null, NaN, lists, maps).
     */
    static Object canonical(Object v) {
        return switch (v) {
            case String s -> s;
            case Long l -> l;
            case Boolean b -> b ? 1L : 0L;
            case Integer i -> (long) i;
            case BigInteger bi -> bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
            case Double d -> {
                if (d.isNaN()) {
                    yield null;
                }
                if (d.isInfinite() || d != Math.rint(d)) {
                    yield d;
                }
                BigInteger whole = new BigDecimal(d).toBigInteger();
                yield whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
            }
            case null, default -> null;
        };
    }

    /** The rules of one trigger. */
    static final class Group {
        final CompiledRule[] standard;
        final CompiledRule[] backstop;
        final KeyIndex[] keys;
        final long[] unindexed;
        /** For each standard rule, the position of the criterion it is filed under, or -1. */
        final int[] filedAt;

        private Group(CompiledRule[] standard, CompiledRule[] backstop, KeyIndex[] keys, long[] unindexed, int[] filedAt) {
            this.standard = standard;
            this.backstop = backstop;
            this.keys = keys;
            this.unindexed = unindexed;
            this.filedAt = filedAt;
        }

        static Group of(List<CompiledRule> rules) {
            List<CompiledRule> standard = new ArrayList<>();
            List<CompiledRule> backstop = new ArrayList<>();
            for (CompiledRule r : rules) {
                (r.rule().type().backstop() ? backstop : standard).add(r);
            }
            int words = (standard.size() + 63) >>> 6;
            long[] unindexed = new long[words];
            Map<String, Map<Object, long[]>> byPath = new LinkedHashMap<>();
            Map<String, JsonPath> paths = new HashMap<>();
            int[] filedAt = new int[standard.size()];
            for (int i = 0; i < standard.size(); i++) {
                CompiledRule r = standard.get(i);
                int at = r.indexCriterion();
                filedAt[i] = at;
                if (at < 0) {
                    unindexed[i >>> 6] |= 1L << i;
                    continue;
                }
                CompiledCriterion c = r.criteria().get(at);
                Object key = canonical(((CompiledCriterion.Literal) c.pattern()).value());
                paths.putIfAbsent(c.path().text(), c.path());
                byPath.computeIfAbsent(c.path().text(), k -> new HashMap<>())
                        .computeIfAbsent(key, k -> new long[words])[i >>> 6] |= 1L << i;
            }
            KeyIndex[] keys = byPath.entrySet().stream()
                    .map(e -> new KeyIndex(paths.get(e.getKey()), new HashMap<>(e.getValue())))
                    .toArray(KeyIndex[]::new);
            return new Group(standard.toArray(CompiledRule[]::new), backstop.toArray(CompiledRule[]::new), keys, unindexed,
                    filedAt);
        }

        /** Whether the standard rules fit in one word of bits (up to 64 rules). */
        boolean oneWord() {
            return unindexed.length == 1;
        }

        /** {@link #candidates(EvaluationScope)} for a group of at most 64 standard rules, without allocating. */
        long candidateWord(EvaluationScope scope) {
            long mask = unindexed[0];
            for (KeyIndex k : keys) {
                Object key = canonical(scope.lookup(k.path));
                long[] hit = key == null ? null : k.byValue.get(key);
                if (hit != null) {
                    mask |= hit[0];
                }
            }
            return mask;
        }

        /** The positions in {@link #standard} worth evaluating for this scope, as a bit set. */
        long[] candidates(EvaluationScope scope) {
            long[] mask = unindexed.clone();
            for (KeyIndex k : keys) {
                Object key = canonical(scope.lookup(k.path));
                long[] hit = key == null ? null : k.byValue.get(key);
                if (hit != null) {
                    for (int w = 0; w < mask.length; w++) {
                        mask[w] |= hit[w];
                    }
                }
            }
            return mask;
        }
    }

    /**
     * The rules filed under one path, by required value.
     *
     * @param path    the criterion key's path
     * @param byValue canonical value to the bit set of rules requiring it
     */
    record KeyIndex(JsonPath path, Map<Object, long[]> byValue) {
    }
}
