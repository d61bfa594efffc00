package dev.reflex.executions;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * Operations on live executions from outside their run: an orchestrator finishing its execution or
 * moving it to a status that does not end it, a user pausing, resuming or cancelling one. Each
 * transition is recorded under the execution's lock through {@link ExecutionRuns}, and orchestrators
 * are called back on worker threads, never under a lock. Part of {@link ExecutionService}.
 */
final class ExecutionControls {

    private final ExecutionRepository repository;
    private final Map<String, Orchestrator> orchestrators;
    private final ExecutionRuns runs;
    private final Map<String, LiveExecution> live;
    private final ConcurrencyGate gate;
    private final ExecutorService workers;

    ExecutionControls(ExecutionRepository repository, Map<String, Orchestrator> orchestrators, ExecutionRuns runs) {
        this.repository = repository;
        this.orchestrators = orchestrators;
        this.runs = runs;
        this.live = runs.live;
        this.gate = runs.gate;
        this.workers = runs.workers;
    }

    /** See {@link ExecutionService#finish}. */
    boolean finish(String id, ExecutionStatus status, Map<String, Object> result) {
        if (!status.completed()) {
            throw new IllegalArgumentException(status.value() + " is not a completed status");
        }
        LiveExecution l = live.get(id);
        if (l == null) {
            return false;
        }
        synchronized (l) {
            if (l.current.status().completed()) {
                return false;
            }
            if (!l.current.status().canMoveTo(status) && l.current.status().canMoveTo(ExecutionStatus.RUNNING)) {
                runs.move(l, ExecutionStatus.RUNNING, null);
            }
            runs.complete(l, status, result);
            return true;
        }
    }

    /** See {@link ExecutionService#transition}. */
    Execution transition(String id, ExecutionStatus next, Map<String, Object> result) {
        LiveExecution l = live.get(id);
        if (l == null) {
            throw new IllegalStateException("execution " + id + " is not running");
        }
        synchronized (l) {
            if (l.current.status() != next) {
                runs.move(l, next, result);
                if (next == ExecutionStatus.PAUSED || next == ExecutionStatus.PENDING) {
                    tellParent(l.current, Orchestrator::childPaused);
                }
            } else if (result != null) {
                Execution e = l.current.withResult(result);
                repository.update(e);
                l.current = e;
            }
            return l.current;
        }
    }

    /** Calls the live parent's orchestrator back on a worker thread, if the execution has one. */
    private void tellParent(Execution child, BiConsumer<Orchestrator, Execution> call) {
        if (child.parentId() != null && !runs.stopping) {
            LiveExecution parent = live.get(child.parentId());
            Orchestrator o = parent == null ? null : orchestrators.get(parent.current.runnerType());
            if (o != null) {
                workers.execute(() -> call.accept(o, child));
            }
        }
    }

    /** See {@link ExecutionService#pause}. */
    Execution pause(String id) {
        return control(id, ExecutionStatus.RUNNING, ExecutionStatus.PAUSING, "paused", Orchestrator::pause);
    }

    /** See {@link ExecutionService#resume}. */
    Execution resume(String id) {
        return control(id, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, "resumed", Orchestrator::resume);
    }

    private Execution control(String id, ExecutionStatus from, ExecutionStatus to, String verb,
                              BiConsumer<Orchestrator, Execution> call) {
        Execution found = runs.find(id)
                .orElseThrow(() -> new ExecutionService.NotFound("Execution with id " + id + " not found"));
        Orchestrator o = orchestrators.get(found.runnerType());
        if (o == null || !o.pausable()) {
            throw new IllegalStateException("Execution " + id + " runs on runner \"" + found.runnerType()
                    + "\"; only workflows can be " + verb + ".");
        }
        LiveExecution l = live.get(id);
        if (l == null) {
            throw new IllegalStateException("Execution " + id + " is \"" + found.status().value() + "\" and cannot be "
                    + verb + "; it must be \"" + from.value() + "\".");
        }
        Execution moved;
        synchronized (l) {
            ExecutionStatus s = l.current.status();
            if (s != from) {
                throw new IllegalStateException("Execution " + id + " is \"" + s.value() + "\" and cannot be " + verb
                        + "; it must be \"" + from.value() + "\".");
            }
            runs.move(l, to, null);
            moved = l.current;
        }
        workers.execute(() -> call.accept(o, moved));
        return moved;
    }

    /** See {@link ExecutionService#cancel}. */
    Execution cancel(String id, String by) {
        LiveExecution l = live.get(id);
        String reason = "canceled by " + (by == null ? "user" : by);
        if (l == null) {
            Execution e = runs.find(id)
                    .orElseThrow(() -> new ExecutionService.NotFound("Execution with id " + id + " not found"));
            if (!e.status().cancelable()) {
                throw new IllegalStateException("Action execution " + id + " is already in completed state \""
                        + e.status().value() + "\" and cannot be canceled.");
            }
            l = live.computeIfAbsent(id, k -> new LiveExecution(e));
        }
        Orchestrator orchestrator = orchestrators.get(l.current.runnerType());
        synchronized (l) {
            ExecutionStatus s = l.current.status();
            if (!s.cancelable()) {
                throw new IllegalStateException("Action execution " + id + " is already in completed state \""
                        + s.value() + "\" and cannot be canceled.");
            }
            if (s == ExecutionStatus.RUNNING || orchestrator != null && s.canMoveTo(ExecutionStatus.CANCELING)) {
                runs.move(l, ExecutionStatus.CANCELING, null);
            } else if (s != ExecutionStatus.CANCELING) {
                gate.forget(id);
                runs.complete(l, ExecutionStatus.CANCELED, Map.of("failed", true, "succeeded", false,
                        "error", "Action was canceled: " + reason));
            }
        }
        l.cancellation.cancel(reason);
        if (orchestrator != null && l.current.status() == ExecutionStatus.CANCELING) {
            Execution canceling = l.current;
            workers.execute(() -> orchestrator.cancel(canceling));
        }
        return l.current;
    }
}
