package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs live executions through their runners and records their transitions: it holds the executions
 * that have not completed, the worker threads (one virtual thread per task) and the policies' slots,
 * and takes an execution from dispatch through the policies, {@code scheduled} and {@code running},
 * its runner or orchestrator, to its recorded completion, which emits the completion triggers, tells
 * a parent workflow, frees policy slots and applies retries. Part of {@link ExecutionService}, which
 * logs under its own name.
 */
final class ExecutionRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);

    /** The executions that have not completed, by id. */
    final Map<String, LiveExecution> live = new ConcurrentHashMap<>();
    /** The live output of recently completed executions. */
    final Map<String, OutputBuffer> finishedOutput = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OutputBuffer> eldest) {
                    return size() > 256;
                }
            });
    final ConcurrencyGate gate = new ConcurrencyGate();
    final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("execution-", 0).factory());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("execution-retry-timer").factory());
    /** Set once the engine stops taking work. */
    volatile boolean stopping;

    private final ExecutionService engine;
    private final ActionRegistry actions;
    private final ExecutionRepository repository;
    private final PolicyRegistry policies;
    private final ActionInvocation invocation;
    private final CompletionTriggers triggers;
    private final RequestParameters requestParameters;
    private final Function<String, Optional<String>> secrets;
    private final Clock clock;
    private final Map<String, Orchestrator> orchestrators;

    ExecutionRuns(ExecutionService engine, ActionRegistry actions, ExecutionRepository repository,
                  PolicyRegistry policies, ActionInvocation invocation, CompletionTriggers triggers,
                  RequestParameters requestParameters, Function<String, Optional<String>> secrets, Clock clock,
                  Map<String, Orchestrator> orchestrators) {
        this.engine = engine;
        this.actions = actions;
        this.repository = repository;
        this.policies = policies;
        this.invocation = invocation;
        this.triggers = triggers;
        this.requestParameters = requestParameters;
        this.secrets = secrets;
        this.clock = clock;
        this.orchestrators = orchestrators;
    }

    /** The execution with this id, live or recorded. */
    Optional<Execution> find(String id) {
        LiveExecution l = live.get(id);
        return l != null ? Optional.of(l.current) : repository.find(id);
    }

    /** The live output of a running or recently completed execution. */
    Optional<OutputBuffer> output(String id) {
        LiveExecution l = live.get(id);
        return l != null ? Optional.of(l.output) : Optional.ofNullable(finishedOutput.get(id));
    }

    /** Hands a live execution to a worker thread, which runs it, unless the engine is stopping. */
    void dispatch(LiveExecution l) {
        if (stopping) {
            return;
        }
        workers.execute(() -> run(l));
    }

    /** Schedules and runs an execution on the calling thread; a failure of the engine fails the execution. */
    private void run(LiveExecution l) {
        try {
            schedule(l);
        } catch (RuntimeException e) {
            if (l.unrecorded()) {
                // its insert failed: the request failed and nothing is to be recorded; free what it held
                gate.forget(l.current.id());
                for (String waiting : gate.release(l.slots)) {
                    LiveExecution w = live.get(waiting);
                    if (w != null) {
                        dispatch(w);
                    }
                }
                l.slots = List.of();
                return;
            }
            LOG.error("execution {} failed in the engine", l.current.id(), e);
            synchronized (l) {
                if (!l.current.status().completed()) {
                    complete(l, ExecutionStatus.FAILED, Map.of("failed", true, "succeeded", false,
                            "error", "Reflex failed to run the execution: " + e));
                }
            }
        }
    }

    private void schedule(LiveExecution l) {
        Action action;
        synchronized (l) {
            if (l.current.status().completed()) {
                return;
            }
            Optional<Action> found = actions.find(l.current.actionRef());
            if (found.isEmpty()) {
                complete(l, ExecutionStatus.FAILED, Map.of("failed", true, "succeeded", false,
                        "error", "Action \"" + l.current.actionRef() + "\" cannot be found."));
                return;
            }
            action = found.get();
            if (l.parameters == null) {
                try {
                    l.parameters = requestParameters.resolve(action, l.current.parameters(), l.current.context(), false);
                } catch (IllegalArgumentException e) {
                    complete(l, ExecutionStatus.FAILED, Map.of("failed", true, "succeeded", false, "error", e.getMessage()));
                    return;
                }
            }
            ConcurrencyGate.Decision d = gate.acquire(l.current.id(), policies.forAction(action.ref()),
                    l.parameters.all(), l.current.status() == ExecutionStatus.DELAYED);
            switch (d) {
                case ConcurrencyGate.Delay delay -> {
                    if (l.current.status() != ExecutionStatus.DELAYED) {
                        move(l, ExecutionStatus.DELAYED, null);
                    }
                    return;
                }
                case ConcurrencyGate.Cancel c -> {
                    complete(l, ExecutionStatus.CANCELED, Map.of("failed", true, "succeeded", false, "error",
                            "Canceled by policy " + c.policyRef() + ": " + c.threshold() + " execution(s) already running"));
                    return;
                }
                case ConcurrencyGate.Proceed p -> l.slots = p.slots();
            }
            // scheduled and running are logged with their own times and committed in one write, which
            // is durable before the runner starts (a crash after it leaves the execution "running").
            Execution next = l.current.status() == ExecutionStatus.SCHEDULED ? l.current
                    : l.current.moveTo(ExecutionStatus.SCHEDULED, clock.instant());
            next = next.moveTo(ExecutionStatus.RUNNING, clock.instant());
            l.current = next;
            recordRunning(l, action);
        }
        Orchestrator orchestrator = orchestrators.get(action.runnerType());
        if (orchestrator != null) {
            orchestrator.start(l.current, action, l.parameters);
            return;
        }
        RunContext context = new RunContext(l.cancellation, l.output, clock, secrets);
        RunOutcome outcome = invocation.run(l.current.id(), action, l.parameters, context);
        ExecutionStatus status = switch (outcome) {
            case RunOutcome.Succeeded s -> ExecutionStatus.SUCCEEDED;
            case RunOutcome.Failed f -> ExecutionStatus.FAILED;
            case RunOutcome.TimedOut t -> ExecutionStatus.TIMEOUT;
            case RunOutcome.Canceled c -> stopping ? ExecutionStatus.ABANDONED : ExecutionStatus.CANCELED;
        };
        Map<String, Object> result = outcome.result();
        if (status == ExecutionStatus.ABANDONED) {
            result = new LinkedHashMap<>(result);
            result.put("error", ExecutionService.ABANDONED_REASON);
        }
        synchronized (l) {
            complete(l, status, result);
        }
    }

    /**
     * Makes {@code running} durable as much as the runner needs before it starts. A runner with side
     * effects waits for the commit (a crash after it leaves the execution running, then abandoned).
     * An orchestrator's first act is a durable write of its own (its saved state, a child's row), which
     * the store's single in-order writer commits after this queued one, so it does not wait here; if
     * nothing durable follows, a crash leaves the execution requested and it starts again, having done
     * nothing. A repeatable runner ({@code noop}) writes nothing here: the completion carries the whole
     * log. Callers hold the execution's lock.
     */
    private void recordRunning(LiveExecution l, Action action) {
        Execution running = l.current;
        if (orchestrators.containsKey(action.runnerType())) {
            repository.updateQueued(running).whenComplete((rows, failure) -> {
                if (failure != null || rows != 1) {
                    // rewrite the row durably with whatever is current (the completion did, if it came)
                    workers.execute(() -> rewrite(l, failure));
                }
            });
        } else if (!invocation.repeatable(action.runnerType())) {
            repository.update(running);
        }
    }

    private void rewrite(LiveExecution l, Throwable failure) {
        LOG.warn("execution {}: the queued running transition was not committed ({}); writing it again",
                l.current.id(), failure == null ? "no row" : failure.getMessage());
        synchronized (l) {
            if (!l.current.status().completed()) {
                repository.update(l.current);
            }
        }
    }

    /** Records a transition that does not end the execution. Callers hold the execution's lock. */
    void move(LiveExecution l, ExecutionStatus next, Map<String, Object> result) {
        Execution e = l.current.moveTo(next, clock.instant());
        if (result != null) {
            e = e.withResult(result);
        }
        l.record(e, repository);
        l.current = e;
    }

    /** Records the final status, then emits, frees policy slots and applies retries. Callers hold the lock. */
    void complete(LiveExecution l, ExecutionStatus status, Map<String, Object> result) {
        move(l, status, result);
        l.output.close();
        live.remove(l.current.id());
        finishedOutput.put(l.current.id(), l.output);
        Execution done = l.current;
        // The parent learns of the completion before the completion triggers are recorded: both follow
        // the durable completion, and the parent's next task need not wait for the trigger instance's
        // commit, nor for room on the rules' queue.
        if (done.parentId() != null && !stopping) {
            LiveExecution parent = live.get(done.parentId());
            Orchestrator o = parent == null ? null : orchestrators.get(parent.current.runnerType());
            if (o != null) {
                workers.execute(() -> o.childCompleted(done));
            }
        }
        Optional<Action> action = actions.find(done.actionRef());
        triggers.completed(done, action);
        for (String waiting : gate.release(l.slots)) {
            LiveExecution w = live.get(waiting);
            if (w != null) {
                dispatch(w);
            }
        }
        l.slots = List.of();
        RetryPlanner.plan(done, policies.forAction(done.actionRef())).ifPresent(retry -> {
            Runnable again = () -> {
                try {
                    engine.request(done.actionRef(), done.parameters(), retry.context(), false);
                } catch (RuntimeException e) {
                    LOG.error("retry of execution {} could not be requested: {}", done.id(), e.getMessage());
                }
            };
            if (retry.delay().isZero()) {
                workers.execute(again);
            } else {
                timers.schedule(() -> workers.execute(again), retry.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Stops taking work: running executions are cancelled and, if they end within the grace period,
     * recorded as abandoned; the others are found running at the next start and abandoned then.
     */
    void stop(Duration grace) throws InterruptedException {
        stopping = true;
        timers.shutdownNow();
        orchestrators.values().forEach(Orchestrator::shutdown);
        for (LiveExecution l : live.values()) {
            if (l.current.status() == ExecutionStatus.RUNNING) {
                l.cancellation.cancel("the Reflex server is stopping");
            }
        }
        workers.shutdown();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("executions still running after {}; they will be marked abandoned at the next start", grace);
            workers.shutdownNow();
        }
    }
}
