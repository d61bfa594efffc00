/**
 * The {@code action-chain} runner: StackStorm's chain files ({@code chain}, {@code default},
 * {@code vars}) run as a sequence of child executions, one task at a time, following each task's
 * {@code on-success} or {@code on-failure}. {@link dev.reflex.workflows.chain.ChainFormat} reads the
 * file through the strict loader; {@link dev.reflex.workflows.chain.ChainRendering} builds what a
 * task's templates see; {@link dev.reflex.workflows.chain.ChainProgress} is the durable record of a
 * running chain; {@link dev.reflex.workflows.chain.ActionChainRunner} is the orchestrator that the
 * engine calls back when a task completes.
 */
package dev.reflex.workflows.chain;
