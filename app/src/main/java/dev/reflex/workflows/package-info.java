/**
 * Workflows: executions that run other executions. The {@code action-chain} runner (StackStorm's
 * chains) and the {@code orquesta} runner (graph workflows) are {@link dev.reflex.executions.Orchestrator}s:
 * the execution engine starts them and tells them when a child completes; they request the next
 * tasks as child executions, record every task transition in {@link dev.reflex.workflows.WorkflowStates}
 * before acting on it, and carry on from there after a restart. No thread waits while a workflow does.
 */
package dev.reflex.workflows;
