/**
 * The {@code orquesta} runner: StackStorm's graph workflows (format version 1.0) with Jinja
 * expressions. {@link dev.reflex.workflows.orquesta.WorkflowFormat} reads a workflow file through the
 * strict loader; {@link dev.reflex.workflows.orquesta.Conductor} decides, for one workflow's durable
 * {@link dev.reflex.workflows.orquesta.FlowState}, which tasks run next; the
 * {@link dev.reflex.workflows.orquesta.OrquestaRunner} saves each decision before acting on it,
 * requests tasks as child executions and reconciles with them after a restart. Delays wait on one
 * shared {@link dev.reflex.workflows.orquesta.DeadlineTimer}, never on a thread of their own.
 */
package dev.reflex.workflows.orquesta;
