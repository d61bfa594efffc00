package dev.reflex.executions;

import dev.reflex.actions.ResolvedParameters;
import dev.reflex.runners.Cancellation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory state of an execution that has not completed, and how its transitions are written.
 *
 * <p>An execution whose {@code requested} row was queued without waiting for its commit
 * ({@link #insertQueued}) may reach later statuses before the store's writer runs that insert (a
 * {@code noop} is scheduled, runs and succeeds in microseconds, while the insert waits for the
 * commit in progress). Such a transition is not written as a second statement: it replaces the row
 * the queued insert will write, so the insert records the execution with its whole status log
 * ({@code requested, scheduled, running, succeeded}, each with its own time) in one statement and
 * one commit. {@link #record} still returns only once that commit is durable, as an update would;
 * once the writer has taken the row, transitions are written as updates. If the insert fails,
 * nothing of the execution is recorded and every caller waiting on it sees the failure.
 */
final class LiveExecution {

    volatile Execution current;
    ResolvedParameters parameters;
    List<String> slots = List.of();
    final Cancellation cancellation = new Cancellation();
    final OutputBuffer output = new OutputBuffer();
    /** The commit of the requested row when it was queued; null when it was durable before dispatch. */
    private CompletableFuture<Void> stored;
    /** The row the queued insert will write; null once the writer took it (or when there is none). */
    private final AtomicReference<ExecutionRepository.Row> pending = new AtomicReference<>();

    LiveExecution(Execution e) {
        this.current = e;
    }

    /**
     * Queues the insert of {@link #current} (its {@code requested} row) without waiting for it; the
     * future completes once the row is durable, or fails if the insert did.
     */
    CompletableFuture<Void> insertQueued(ExecutionRepository repository) {
        pending.set(new ExecutionRepository.Row(current, null));
        stored = repository.insertQueued(() -> pending.getAndSet(null));
        return stored;
    }

    /** The commit of the queued requested row, or null when it was not queued. */
    CompletableFuture<Void> stored() {
        return stored;
    }

    /**
     * Records a transition to {@code next}, durable on return: in the queued insert if the writer has
     * not run it yet, as an update otherwise. It does not change {@link #current}. Callers hold this
     * execution's lock.
     *
     * @throws RuntimeException if the write (or the queued insert it waits for) failed
     */
    void record(Execution next, ExecutionRepository repository) {
        if (pending.get() != null) {
            ExecutionRepository.Row row = new ExecutionRepository.Row(next, ExecutionCodec.doc(next));
            for (ExecutionRepository.Row queued = pending.get(); queued != null; queued = pending.get()) {
                if (pending.compareAndSet(queued, row)) {
                    stored.join();
                    return;
                }
            }
        }
        awaitStored();
        repository.update(next);
    }

    /** Waits for the requested row's commit, if it was pending; throws if that commit failed. */
    void awaitStored() {
        if (stored != null) {
            stored.join();
        }
    }

    /** Whether the requested row's commit failed (the request failed; nothing of it is recorded). */
    boolean unrecorded() {
        return stored != null && stored.isCompletedExceptionally();
    }
}
