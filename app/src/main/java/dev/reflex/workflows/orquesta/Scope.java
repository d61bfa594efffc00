package dev.reflex.workflows.orquesta;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the workflow functions see while one expression is evaluated: the workflow context, and when
 * evaluating for a task, its status and result, its current item, and the other tasks' states.
 *
 * @param ctx        the workflow context (inputs, vars, published values), read-only to expressions
 * @param st2        {@code ctx().st2}: the execution's id, user and pack
 * @param status     the completed task's status in a transition ({@code succeeded}, {@code failed}…), else null
 * @param result     the completed task's result in a transition, else null
 * @param item       the current item of a with-items task, else null
 * @param itemNames  the names given in {@code x in <expr>}, for {@code item(x)}
 * @param tasks      a task's latest state by name ({@code status}, {@code result}), empty when it has not run
 * @param keyValues  the datastore, for {@code st2kv('system.key')}
 */
record Scope(Map<String, Object> ctx, Map<String, Object> st2, String status, Object result, Object item,
             List<String> itemNames, Function<String, Optional<Map<String, Object>>> tasks,
             Function<String, Optional<String>> keyValues) {

    /** The same scope for a completed task with its status and result. */
    Scope forTask(String taskStatus, Object taskResult) {
        return new Scope(ctx, st2, taskStatus, taskResult, item, itemNames, tasks, keyValues);
    }

    /** The same scope for one item of a with-items task. */
    Scope forItem(Object value, List<String> names) {
        return new Scope(ctx, st2, status, result, value, names, tasks, keyValues);
    }
}
