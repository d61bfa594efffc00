package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;

/**
 * A runner that does not block a thread while its execution runs: workflows (which request child
 * executions and react to their completion) and inquiries (which wait for an answer). The engine
 * moves the execution to {@code running}, calls {@link #start} and returns; the execution stays
 * live until the orchestrator calls {@link ExecutionService#finish}. Between those, the engine calls
 * back when a child completes, when the execution is cancelled, paused or resumed, and after a
 * restart that found the execution still running.
 *
 * <p>Callbacks come on engine worker threads, never while the engine holds a lock, and may call any
 * {@link ExecutionService} method. An orchestrator keeps its own durable state: the engine only
 * records the execution and its children.
 */
public interface Orchestrator extends Runner {

    /** Called once, before any other callback, with the engine that runs this orchestrator's executions. */
    void attach(ExecutionService engine);

    /**
     * Starts an execution that has just moved to {@code running}.
     *
     * @param execution  the execution, as recorded
     * @param action     its action (entry point, parameter declarations)
     * @param parameters its resolved parameters
     */
    void start(Execution execution, Action action, ResolvedParameters parameters);

    /** A child of one of this orchestrator's executions completed; {@code child.parentId()} names it. */
    void childCompleted(Execution child);

    /**
     * A child of one of this orchestrator's executions moved to {@code paused} (a user paused it, or
     * it paused with its parent) or {@code pending} (an inquiry waits). By default nothing happens;
     * the action-chain runner pauses the chain, as StackStorm does.
     */
    default void childPaused(Execution child) {
    }

    /**
     * After a restart, an execution of this orchestrator found running, pausing, paused, resuming or
     * canceling. Its children that were running when the server stopped are already marked abandoned
     * (no {@link #childCompleted} call is made for them); children that had not started are dispatched
     * again and report their completion as usual.
     */
    void recover(Execution execution, Action action);

    /** The execution moved to {@code canceling}: stop starting work and cancel what runs. */
    void cancel(Execution execution);

    /** The execution moved to {@code pausing}: start nothing new and move to {@code paused} when idle. */
    void pause(Execution execution);

    /** The execution moved to {@code resuming}: move back to {@code running} and carry on. */
    void resume(Execution execution);

    /** Whether its executions can be paused and resumed (workflows can; an inquiry cannot). */
    default boolean pausable() {
        return true;
    }

    /** The server is stopping: stop timers; state stays in the store for {@link #recover} at the next start. */
    default void shutdown() {
    }

    /** Orchestrated executions are not run on a thread; the engine never calls this. */
    @Override
    default RunOutcome run(RunRequest request, RunContext context) {
        throw new UnsupportedOperationException(name() + " executions are orchestrated, not run");
    }
}
