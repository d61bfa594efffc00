/**
 * Executions: one run of an action, from request to completion, recorded at every step.
 *
 * <p>{@link dev.reflex.executions.ExecutionService} owns the lifecycle. A request is validated
 * (parameters rendered, cast and checked by {@link dev.reflex.actions.ParameterResolver}), persisted
 * as {@code requested} and handed at once to a virtual thread, which applies the policies
 * ({@link dev.reflex.executions.ConcurrencyGate}: run, queue as {@code delayed}, or cancel), records
 * {@code scheduled} and {@code running}, calls the runner and records the outcome. Every transition
 * of StackStorm's status machine ({@link dev.reflex.executions.ExecutionStatus}) is written to the
 * store before the next step, with two exceptions where the next durable write covers it: a
 * repeatable runner ({@code noop}) has {@code running} committed with its completion (and, not
 * being part of a workflow, starts while its {@code requested} row is being committed: its later
 * writes wait for that commit, and the request still returns only once it is durable; the
 * statuses it reaches before the store's writer runs that insert are written by the insert itself,
 * see {@code LiveExecution}), and an
 * orchestrator's {@code running} is queued ahead of the orchestrator's own first durable write (the
 * store's one writer commits in queue order). A parent's {@code children} list is written with the
 * parent's own transitions; each child's row names its parent durably and the list is rebuilt from
 * those rows after a crash. Completion emits {@code core.st2.generic.actiontrigger} and the
 * action's {@code notify} triggers ({@link dev.reflex.executions.CompletionTriggers}); a retry policy
 * may request a new execution. At start, executions left running by a crash are marked
 * {@code abandoned} and those not yet started are dispatched again.
 *
 * <p>The package also holds the store records ({@link dev.reflex.executions.ExecutionRepository}),
 * live output ({@link dev.reflex.executions.OutputBuffer}), policies and the seams to the rules
 * engine ({@link dev.reflex.executions.ActionCaster}, {@link dev.reflex.executions.RuleExecutionSink}).
 */
package dev.reflex.executions;
