package dev.reflex.workflows.chain;

import dev.reflex.actions.Action;
import dev.reflex.executions.Execution;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which notifications a chain task's child execution sends, as StackStorm's action-chain runner
 * decides it: none for a task named in the chain's {@code skip_notify} parameter; else the task's own
 * {@code notify}; else the callee action's {@code notify}; else the chain's own {@code notify} (the
 * chain action's, or the one its execution was given), which StackStorm hands down to every task.
 * The choice travels in the child's context as {@code notify}, where the engine's completion
 * triggers read it; when the callee's own section applies, nothing is set.
 *
 * <p>One difference: in StackStorm the callee action's own {@code notify} replaces the task's when
 * the child is requested; in Reflex the task's {@code notify}, written for that step of the chain,
 * wins.
 */
final class ChainNotify {

    private final Map<String, Object> chainNotify;
    private final Collection<?> skipped;

    /**
     * The notify choice of one chain.
     *
     * @param chain      the chain's execution (its context may carry a {@code notify} given to it)
     * @param action     the chain's action
     * @param parameters the chain's parameters ({@code skip_notify})
     */
    ChainNotify(Execution chain, Action action, Map<String, Object> parameters) {
        this.chainNotify = chain.context().get("notify") instanceof Map<?, ?> m ? cast(m) : action.notifications();
        this.skipped = parameters.get("skip_notify") instanceof Collection<?> c ? c : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /**
     * The {@code notify} map to put in the task's child context, or empty when the callee's own
     * section applies unchanged.
     *
     * @param node   the task
     * @param callee the action it runs
     */
    Optional<Map<String, Object>> forTask(ChainDefinition.Node node, Action callee) {
        if (skipped.contains(node.name())) {
            return Optional.of(Map.of());
        }
        if (!node.notifications().isEmpty()) {
            return Optional.of(node.notifications());
        }
        if (!callee.notifications().isEmpty() || chainNotify.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(chainNotify);
    }
}
