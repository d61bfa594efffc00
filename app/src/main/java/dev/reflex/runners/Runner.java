package dev.reflex.runners;

/**
 * Runs actions of one runner type, such as {@code local-shell-cmd} or {@code remote-shell-script}.
 *
 * <p>{@link #run} blocks until the action ends and is meant to be called on a virtual thread; one
 * runner instance serves many executions at once. Problems of the action itself (a bad parameter, a
 * host that refuses the connection, a non-zero exit code) never escape as exceptions: they come back
 * as a {@link RunOutcome.Failed} whose result carries an {@code error} message. A runner honours the
 * context's cancellation and reports it as {@link RunOutcome.Canceled}.
 */
public interface Runner {

    /** The runner's metadata: its name and its runner parameters with their defaults. */
    RunnerType type();

    /** The runner's name, as actions name it in {@code runner_type}. */
    default String name() {
        return type().name();
    }

    /**
     * Runs one execution.
     *
     * @param request what to run: the execution, its parameters and, for script runners, the script
     * @param context cancellation, live output, clock and secrets for this execution
     * @return how the execution ended, with StackStorm's result map
     */
    RunOutcome run(RunRequest request, RunContext context);

    /**
     * Whether running an execution again after a crash is harmless because the runner acts on nothing
     * outside Reflex (the {@code noop} runner). For such a runner the engine does not wait for the
     * {@code running} status to be durable before the runner starts: it is committed with the
     * completion, and an execution a crash left {@code requested} simply runs again. False unless a
     * runner says otherwise.
     */
    default boolean repeatable() {
        return false;
    }
}
