package dev.reflex.rules;

import java.util.List;

/**
 * A rule ready to match: criteria compiled, trigger identity computed.
 *
 * @param rule       the rule as written
 * @param triggerRef the ref of the trigger it listens to (type plus parameters)
 * @param criteria   its criteria, in document order
 */
record CompiledRule(Rule rule, String triggerRef, List<CompiledCriterion> criteria) {

    /** The criterion the index files this rule under: the first literal equality reached without risk, or -1. */
    int indexCriterion() {
        for (int i = 0; i < criteria.size(); i++) {
            CompiledCriterion c = criteria.get(i);
            if (c.operator() instanceof Operator.Equality e && !e.negated() && !e.ignoreCase()
                    && c.pattern() instanceof CompiledCriterion.Literal lit && RuleIndex.indexable(lit.value())
                    && c.path().isSimple()) {
                return i;
            }
            if (!c.safe()) {
                return -1;
            }
        }
        return -1;
    }
}
