package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ResolvedParameters;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and records requested executions, then hands them to {@link ExecutionRuns} to run: an
 * execution is recorded as {@code requested} (durable before the caller returns, or once the
 * returned future completes, as each request method of {@link ExecutionService} describes) and
 * dispatched once its row is durable, except for a repeatable runner, which may start while its row
 * is being committed. Part of {@link ExecutionService}, which logs under its own name.
 */
final class ExecutionRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);

    private final ActionRegistry actions;
    private final ExecutionRepository repository;
    private final ActionInvocation invocation;
    private final CompletionTriggers triggers;
    private final RequestParameters requestParameters;
    private final Clock clock;
    private final ExecutionIds ids;
    private final Map<String, Orchestrator> orchestrators;
    private final ExecutionRuns runs;
    private final Map<String, LiveExecution> live;

    ExecutionRequests(ActionRegistry actions, ExecutionRepository repository, ActionInvocation invocation,
                      CompletionTriggers triggers, RequestParameters requestParameters, Clock clock,
                      Map<String, Orchestrator> orchestrators, ExecutionRuns runs) {
        this.actions = actions;
        this.repository = repository;
        this.invocation = invocation;
        this.triggers = triggers;
        this.requestParameters = requestParameters;
        this.clock = clock;
        this.ids = new ExecutionIds(clock);
        this.orchestrators = orchestrators;
        this.runs = runs;
        this.live = runs.live;
    }

    /** See {@link ExecutionService#request}. */
    Execution request(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                      boolean renderGiven) {
        return record(requested(actionRef, parameters, context, renderGiven));
    }

    /** Records a prepared request durably, then dispatches it (see {@link ExecutionService#request}). */
    private Execution record(Requested r) {
        Execution e = r.execution();
        ResolvedParameters resolved = r.parameters();
        String parentId = e.parentId();
        if (parentId == null && repeatable(e)) {
            return requestRepeatable(e, resolved);
        }
        repository.insert(e);
        if (parentId != null) {
            // The child's row names its parent, durably; the parent's children list is kept in memory
            // and written with the parent's next transition (rebuilt from parent_id after a crash), so
            // that a workflow does not rewrite its own row, and wait for it, for every task it starts.
            LiveExecution parent = live.get(parentId);
            if (parent != null) {
                synchronized (parent) {
                    parent.current = parent.current.withChild(e.id());
                }
            }
        }
        LiveExecution l = new LiveExecution(e);
        l.parameters = resolved;
        live.put(e.id(), l);
        runs.dispatch(l);
        return e;
    }

    /** See {@link ExecutionService#requestQueued}. */
    Execution requestQueued(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                            boolean renderGiven) {
        Requested r = requested(actionRef, parameters, context, renderGiven);
        Execution e = r.execution();
        if (e.parentId() != null) {
            return record(r);
        }
        queue(r).whenComplete((v, failure) -> {
            if (failure != null) {
                LOG.error("execution {} of {} could not be recorded; it does not run", e.id(), e.actionRef(), failure);
            }
        });
        return e;
    }

    /** See {@link ExecutionService#requestAsync}. */
    CompletableFuture<Execution> requestAsync(String actionRef, Map<String, Object> parameters,
                                              Map<String, Object> context, boolean renderGiven) {
        Requested r = requested(actionRef, parameters, context, renderGiven);
        if (r.execution().parentId() != null) {
            return CompletableFuture.supplyAsync(() -> record(r),
                    task -> Thread.ofVirtual().name("execution-request").start(task));
        }
        return queue(r);
    }

    /**
     * Queues the insert of a requested execution with no parent and dispatches it once its row is
     * durable (a repeatable runner at once, as {@link ExecutionService#request} does). The future
     * completes with the execution when the row is durable; if the insert fails, the execution is
     * dropped (a repeatable one that started fails at its first write) and the future fails.
     */
    private CompletableFuture<Execution> queue(Requested r) {
        Execution e = r.execution();
        LiveExecution l = new LiveExecution(e);
        l.parameters = r.parameters();
        CompletableFuture<Void> stored = l.insertQueued(repository);
        live.put(e.id(), l);
        boolean now = repeatable(e);
        if (now) {
            runs.dispatch(l);
        }
        return stored.handle((v, failure) -> {
            if (failure != null) {
                // unrecorded: nothing is to find it
                live.remove(e.id());
                throw failure instanceof CompletionException c ? c
                        : new CompletionException(failure);
            }
            if (!now) {
                runs.dispatch(l);
            }
            return e;
        });
    }

    /** What a request records: the execution and its resolved parameters. */
    private record Requested(Execution execution, ResolvedParameters parameters) {
    }

    private Requested requested(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                                boolean renderGiven) {
        Action action = action(actionRef);
        if (!action.enabled()) {
            throw new IllegalArgumentException("Unable to execute. Action \"" + actionRef + "\" is disabled.");
        }
        Map<String, Object> ctx = requestParameters.context(action, context);
        ResolvedParameters resolved = requestParameters.resolve(action, parameters, ctx, renderGiven);
        return new Requested(Execution.requested(ids.next(), action.ref(), action.runnerType(), resolved, ctx,
                parentId(ctx), clock.instant()), resolved);
    }

    /** Whether an execution's runner may start before its requested row commits (noop; never a workflow). */
    private boolean repeatable(Execution e) {
        return invocation.repeatable(e.runnerType()) && !orchestrators.containsKey(e.runnerType());
    }

    /**
     * Requests an execution of a repeatable runner ({@code noop}), which may start before its
     * {@code requested} row is committed: nothing it does outlives a crash, so it need not wait for
     * the commit to start (request → running does not include a group commit). The transitions it
     * reaches before the store's writer runs the insert are written by the insert itself, in one
     * statement ({@link LiveExecution#record}); later ones wait for the insert's commit
     * ({@link ExecutionRuns#move}). The caller returns only once the execution is durable; if the
     * insert fails, the execution is dropped, unrecorded, and the failure is thrown as
     * {@link ExecutionService#request} would.
     */
    private Execution requestRepeatable(Execution e, ResolvedParameters resolved) {
        LiveExecution l = new LiveExecution(e);
        l.parameters = resolved;
        CompletableFuture<Void> stored = l.insertQueued(repository);
        live.put(e.id(), l);
        runs.dispatch(l);
        try {
            stored.join();
        } catch (CompletionException failed) {
            live.remove(e.id());
            throw failed.getCause() instanceof RuntimeException r ? r : failed;
        }
        return e;
    }

    /** See {@link ExecutionService#requestChild}. */
    Execution requestChild(String parentId, String actionRef, Map<String, Object> parameters,
                           Map<String, Object> context) {
        Execution parent = runs.find(parentId)
                .orElseThrow(() -> new ExecutionService.NotFound("Execution with id " + parentId + " not found"));
        Map<String, Object> ctx = new LinkedHashMap<>(context);
        Map<String, Object> parentRef = new LinkedHashMap<>();
        parentRef.put("execution_id", parentId);
        if (parent.user() != null) {
            parentRef.put("user", parent.user());
            ctx.putIfAbsent("user", parent.user());
        }
        if (parent.context().get("pack") != null) {
            parentRef.put("pack", parent.context().get("pack"));
        }
        ctx.put("parent", parentRef);
        return request(actionRef, parameters, ctx, false);
    }

    private static String parentId(Map<String, Object> ctx) {
        return switch (ctx.get("parent")) {
            case String p -> p;
            case Map<?, ?> m when m.get("execution_id") != null -> String.valueOf(m.get("execution_id"));
            case null, default -> null;
        };
    }

    /** See {@link ExecutionService#failedRequest}. */
    Execution failedRequest(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                            String error) {
        Optional<Action> action = actions.find(actionRef);
        Map<String, Object> ctx = action.map(a -> requestParameters.context(a, context))
                .orElse(new LinkedHashMap<>(context));
        ResolvedParameters raw = new ResolvedParameters(parameters, Map.of(), Map.of(), List.of(), java.util.Set.of());
        Execution e = Execution.requested(ids.next(), actionRef, action.map(Action::runnerType).orElse(""), raw, ctx,
                null, clock.instant());
        e = e.moveTo(ExecutionStatus.FAILED, clock.instant())
                .withResult(Map.of("failed", true, "succeeded", false, "error", error));
        repository.insert(e);
        triggers.completed(e, action);
        return e;
    }

    /** See {@link ExecutionService#rerun}. */
    Execution rerun(String id, Map<String, Object> overrides, boolean noMerge, String user) {
        Execution original = runs.find(id)
                .orElseThrow(() -> new ExecutionService.NotFound("Execution with id " + id + " not found"));
        Map<String, Object> params = new LinkedHashMap<>(noMerge ? Map.of() : original.parameters());
        params.putAll(overrides);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("user", user == null ? original.user() : user);
        ctx.put("re-run", Map.of("ref", id));
        return request(original.actionRef(), params, ctx, false);
    }

    /** The action named by a ref. */
    Action action(String ref) {
        return actions.find(ref).orElseThrow(() -> new IllegalArgumentException("Action \"" + ref + "\" cannot be found."));
    }
}
