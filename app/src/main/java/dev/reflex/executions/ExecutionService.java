package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ParameterException;
import dev.reflex.actions.ParameterResolver;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.app.Service;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateValues;
import dev.reflex.triggers.TriggerEmitter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine: creates executions, runs them on virtual threads through their runners,
 * applies policies, records every status transition, cancels and re-runs them, and recovers after a
 * crash (see the package description for the flow).
 */
public final class ExecutionService implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);
    static final String ABANDONED_REASON = "Execution abandoned: the Reflex server running it stopped before it completed";

    private final ActionRegistry actions;
    private final ExecutionRepository repository;
    private final PolicyRegistry policies;
    private final ParameterResolver resolver;
    private final ActionInvocation invocation;
    private final CompletionTriggers triggers;
    private final Function<String, Optional<String>> secrets;
    private final Clock clock;
    private final ExecutionIds ids;
    private final ExecutionSettings settings;
    private final Map<String, Orchestrator> orchestrators = new HashMap<>();
    private final ConcurrencyGate gate = new ConcurrencyGate();
    private final DefaultParameters defaults = new DefaultParameters();
    private final Map<String, LiveExecution> live = new ConcurrentHashMap<>();
    private final Map<String, OutputBuffer> finishedOutput = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OutputBuffer> eldest) {
                    return size() > 256;
                }
            });
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("execution-", 0).factory());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("execution-retry-timer").factory());
    private volatile boolean stopping;

    /**
     * An engine.
     *
     * @param actions    the actions
     * @param runners    the runners, by name
     * @param repository where executions are recorded
     * @param policies   the policies in force
     * @param templates  renders parameters and notifications
     * @param emitter    receives actiontrigger and notifytrigger instances; null when there is no trigger pipeline
     * @param secrets    the datastore: a key's decrypted value (for {@code st2kv} and runner secrets)
     * @param clock      the time source
     * @param settings   engine settings
     */
    public ExecutionService(ActionRegistry actions, dev.reflex.runners.Runners runners, ExecutionRepository repository,
                            PolicyRegistry policies, TemplateEngine templates, TriggerEmitter emitter,
                            Function<String, Optional<String>> secrets, Clock clock, ExecutionSettings settings) {
        this.actions = actions;
        this.repository = repository;
        this.policies = policies;
        this.resolver = new ParameterResolver(templates);
        this.invocation = new ActionInvocation(runners, settings);
        this.triggers = new CompletionTriggers(emitter, templates, secrets);
        this.secrets = secrets;
        this.clock = clock;
        this.ids = new ExecutionIds(clock);
        this.settings = settings;
        for (dev.reflex.runners.Runner r : runners.all()) {
            if (r instanceof Orchestrator o) {
                orchestrators.put(o.name(), o);
            }
        }
        orchestrators.values().forEach(o -> o.attach(this));
    }

    @Override
    public String name() {
        return "executions";
    }

    /**
     * Marks executions a crash left running as abandoned, dispatches those not yet started, and hands
     * workflows (and other orchestrated executions) back to their orchestrators to carry on.
     */
    @Override
    public void start() {
        List<Execution> orchestrated = new java.util.ArrayList<>();
        for (Execution e : repository.inStatus(EnumSet.of(ExecutionStatus.RUNNING, ExecutionStatus.CANCELING,
                ExecutionStatus.PAUSING, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, ExecutionStatus.PENDING))) {
            if (orchestrators.containsKey(e.runnerType())) {
                orchestrated.add(withRecordedChildren(e));
                continue;
            }
            Execution abandoned = e.moveTo(ExecutionStatus.ABANDONED, clock.instant())
                    .withResult(Map.of("failed", true, "succeeded", false, "error", ABANDONED_REASON));
            repository.update(abandoned);
            LOG.warn("execution {} ({}) was {} when the server stopped; marked abandoned", e.id(), e.actionRef(),
                    e.status().value());
            triggers.completed(abandoned, actions.find(e.actionRef()));
        }
        List<Execution> waiting = repository.inStatus(EnumSet.of(ExecutionStatus.REQUESTED, ExecutionStatus.SCHEDULED,
                ExecutionStatus.DELAYED));
        for (Execution e : waiting) {
            LiveExecution l = new LiveExecution(e);
            live.put(e.id(), l);
        }
        for (Execution e : orchestrated) {
            LiveExecution l = new LiveExecution(e);
            live.put(e.id(), l);
        }
        for (Execution e : orchestrated) {
            recover(live.get(e.id()));
        }
        for (Execution e : waiting) {
            dispatch(live.get(e.id()));
        }
        if (!waiting.isEmpty()) {
            LOG.info("{} execution(s) requested before the restart dispatched again", waiting.size());
        }
        if (!orchestrated.isEmpty()) {
            LOG.info("{} workflow execution(s) running before the restart resumed", orchestrated.size());
        }
    }

    /**
     * The execution with every child recorded with its id as parent: requesting a child does not
     * rewrite the parent's row (see {@link #request}), so its stored {@code children} may lack the
     * latest ones after a crash.
     */
    private Execution withRecordedChildren(Execution e) {
        Execution out = e;
        for (Execution c : repository.children(e.id())) {
            if (!out.children().contains(c.id())) {
                out = out.withChild(c.id());
            }
        }
        return out;
    }

    private void recover(LiveExecution l) {
        Execution e = l.current;
        Optional<Action> action = actions.find(e.actionRef());
        try {
            if (action.isEmpty()) {
                throw new IllegalStateException("Action \"" + e.actionRef() + "\" cannot be found.");
            }
            orchestrators.get(e.runnerType()).recover(e, action.get());
        } catch (RuntimeException ex) {
            LOG.error("execution {} ({}) could not be resumed after the restart", e.id(), e.actionRef(), ex);
            synchronized (l) {
                if (!l.current.status().completed()) {
                    complete(l, ExecutionStatus.FAILED, Map.of("failed", true, "succeeded", false,
                            "error", "Reflex could not resume the workflow after a restart: " + ex.getMessage()));
                }
            }
        }
    }

    /**
     * Requests an execution: validates and records it as {@code requested}, then hands it to a worker.
     *
     * @param actionRef   the action
     * @param parameters  the parameter values given
     * @param context     the execution context ({@code user}, and {@code rule}, {@code trigger_instance}… from rules)
     * @param renderGiven whether given strings are Jinja to render (false for values a rule rendered)
     * @return the recorded execution
     * @throws IllegalArgumentException (a {@link ParameterException} for parameters) when it cannot run; nothing is recorded
     */
    public Execution request(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                             boolean renderGiven) {
        return record(requested(actionRef, parameters, context, renderGiven));
    }

    /** Records a prepared request durably, then dispatches it (see {@link #request}). */
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
        dispatch(l);
        return e;
    }

    /**
     * Requests an execution as {@link #request} does, without waiting for its {@code requested} row
     * to commit: for the rules engine, whose record of the enforcement and of the trigger instance
     * being processed is queued on the store's one writer after this insert and so is committed with it
     * or after it (a crash before that commit leaves the instance pending, matched again at the next
     * start, as when the dispatcher waited for this commit). The
     * execution is dispatched once its row is durable (a repeatable runner at once, as {@link #request}
     * does). If the insert fails, the failure is logged and the execution is dropped, unrecorded. A
     * child of a workflow is requested as {@link #request} requests it.
     *
     * @throws IllegalArgumentException as {@link #request}; nothing is recorded then
     */
    public Execution requestQueued(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
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

    /**
     * Requests an execution as {@link #request} does, without holding the calling thread while its
     * {@code requested} row commits: for the HTTP API, which answers when the future completes. The
     * future completes with the execution once its row is durable (on the store's writer thread), or
     * fails with the insert's failure, the execution then dropped, unrecorded. A child of a workflow
     * (a context naming a parent) is recorded as {@link #request} records it, on a virtual thread.
     *
     * @throws IllegalArgumentException as {@link #request}, before anything is recorded
     */
    public CompletableFuture<Execution> requestAsync(String actionRef, Map<String, Object> parameters,
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
     * durable (a repeatable runner at once, as {@link #request} does). The future completes with the
     * execution when the row is durable; if the insert fails, the execution is dropped (a repeatable
     * one that started fails at its first write) and the future fails.
     */
    private CompletableFuture<Execution> queue(Requested r) {
        Execution e = r.execution();
        LiveExecution l = new LiveExecution(e);
        l.parameters = r.parameters();
        CompletableFuture<Void> stored = l.insertQueued(repository);
        live.put(e.id(), l);
        boolean now = repeatable(e);
        if (now) {
            dispatch(l);
        }
        return stored.handle((v, failure) -> {
            if (failure != null) {
                // unrecorded: nothing is to find it
                live.remove(e.id());
                throw failure instanceof CompletionException c ? c
                        : new CompletionException(failure);
            }
            if (!now) {
                dispatch(l);
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
        Map<String, Object> ctx = context(action, context);
        ResolvedParameters resolved = resolve(action, parameters, ctx, renderGiven);
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
     * ({@link #move}). The caller returns only once the execution is durable; if the insert fails, the
     * execution is dropped, unrecorded, and the failure is thrown as {@link #request} would.
     */
    private Execution requestRepeatable(Execution e, ResolvedParameters resolved) {
        LiveExecution l = new LiveExecution(e);
        l.parameters = resolved;
        CompletableFuture<Void> stored = l.insertQueued(repository);
        live.put(e.id(), l);
        dispatch(l);
        try {
            stored.join();
        } catch (CompletionException failed) {
            live.remove(e.id());
            throw failed.getCause() instanceof RuntimeException r ? r : failed;
        }
        return e;
    }

    /**
     * Requests a child execution of a workflow: as {@link #request}, with {@code context.parent} set to
     * {@code {execution_id, user, pack}} of the parent and the parent's user inherited.
     *
     * @param parentId   the workflow execution, which must be live
     * @param actionRef  the action the task runs
     * @param parameters the task's parameter values, already rendered
     * @param context    what the orchestrator adds to the child's context (such as {@code chain: {name}})
     * @return the recorded child
     * @throws IllegalArgumentException when the action is unknown, disabled or its parameters are invalid
     */
    public Execution requestChild(String parentId, String actionRef, Map<String, Object> parameters,
                                  Map<String, Object> context) {
        Execution parent = find(parentId).orElseThrow(() -> new NotFound("Execution with id " + parentId + " not found"));
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

    /**
     * Ends an orchestrated execution (a workflow or an inquiry) with a completed status and its result.
     *
     * @return false when the execution is not live or already completed
     */
    public boolean finish(String id, ExecutionStatus status, Map<String, Object> result) {
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
                move(l, ExecutionStatus.RUNNING, null);
            }
            complete(l, status, result);
            return true;
        }
    }

    /**
     * Moves a live orchestrated execution to a status that does not end it ({@code paused} once a pause
     * has taken effect, {@code running} after resuming, {@code pending} while an inquiry waits), with an
     * optional interim result.
     *
     * @return the execution as recorded
     * @throws IllegalStateException when the execution is not live or the move is not allowed
     */
    public Execution transition(String id, ExecutionStatus next, Map<String, Object> result) {
        LiveExecution l = live.get(id);
        if (l == null) {
            throw new IllegalStateException("execution " + id + " is not running");
        }
        synchronized (l) {
            if (l.current.status() != next) {
                move(l, next, result);
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
    private void tellParent(Execution child, java.util.function.BiConsumer<Orchestrator, Execution> call) {
        if (child.parentId() != null && !stopping) {
            LiveExecution parent = live.get(child.parentId());
            Orchestrator o = parent == null ? null : orchestrators.get(parent.current.runnerType());
            if (o != null) {
                workers.execute(() -> call.accept(o, child));
            }
        }
    }

    /**
     * Pauses a running workflow: it moves to {@code pausing}, starts no new task and becomes
     * {@code paused} when its running children have ended or paused.
     *
     * @throws IllegalStateException when the execution is not a running workflow
     */
    public Execution pause(String id) {
        return control(id, ExecutionStatus.RUNNING, ExecutionStatus.PAUSING, "paused", Orchestrator::pause);
    }

    /**
     * Resumes a paused workflow: it moves to {@code resuming}, then {@code running} as its orchestrator
     * carries on.
     *
     * @throws IllegalStateException when the execution is not a paused workflow
     */
    public Execution resume(String id) {
        return control(id, ExecutionStatus.PAUSED, ExecutionStatus.RESUMING, "resumed", Orchestrator::resume);
    }

    private Execution control(String id, ExecutionStatus from, ExecutionStatus to, String verb,
                              java.util.function.BiConsumer<Orchestrator, Execution> call) {
        Execution found = find(id).orElseThrow(() -> new NotFound("Execution with id " + id + " not found"));
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
            move(l, to, null);
            moved = l.current;
        }
        workers.execute(() -> call.accept(o, moved));
        return moved;
    }

    /** The child executions of an execution, oldest first. */
    public List<Execution> children(String id) {
        return repository.children(id);
    }

    /** Whether a runner type is orchestrated (a workflow or an inquiry) rather than run on a thread. */
    public boolean orchestrated(String runnerType) {
        return orchestrators.containsKey(runnerType);
    }

    private static String parentId(Map<String, Object> ctx) {
        return switch (ctx.get("parent")) {
            case String p -> p;
            case Map<?, ?> m when m.get("execution_id") != null -> String.valueOf(m.get("execution_id"));
            case null, default -> null;
        };
    }

    /**
     * Records an execution that failed before it could be requested (a rule whose parameters did not
     * render), so that the failure shows in the history as StackStorm shows it.
     */
    public Execution failedRequest(String actionRef, Map<String, Object> parameters, Map<String, Object> context,
                                   String error) {
        Optional<Action> action = actions.find(actionRef);
        Map<String, Object> ctx = action.map(a -> context(a, context)).orElse(new LinkedHashMap<>(context));
        ResolvedParameters raw = new ResolvedParameters(parameters, Map.of(), Map.of(), List.of(), java.util.Set.of());
        Execution e = Execution.requested(ids.next(), actionRef, action.map(Action::runnerType).orElse(""), raw, ctx,
                null, clock.instant());
        e = e.moveTo(ExecutionStatus.FAILED, clock.instant())
                .withResult(Map.of("failed", true, "succeeded", false, "error", error));
        repository.insert(e);
        triggers.completed(e, action);
        return e;
    }

    /** Re-runs an execution with its parameters, overridden by {@code overrides} (unless {@code noMerge}). */
    public Execution rerun(String id, Map<String, Object> overrides, boolean noMerge, String user) {
        Execution original = find(id).orElseThrow(() -> new NotFound("Execution with id " + id + " not found"));
        Map<String, Object> params = new LinkedHashMap<>(noMerge ? Map.of() : original.parameters());
        params.putAll(overrides);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("user", user == null ? original.user() : user);
        ctx.put("re-run", Map.of("ref", id));
        return request(original.actionRef(), params, ctx, false);
    }

    /**
     * Cancels an execution: one that has not started is {@code canceled} at once; a running one goes
     * to {@code canceling} while its runner stops it.
     *
     * @throws IllegalStateException when it is already completed
     */
    public Execution cancel(String id, String by) {
        LiveExecution l = live.get(id);
        String reason = "canceled by " + (by == null ? "user" : by);
        if (l == null) {
            Execution e = find(id).orElseThrow(() -> new NotFound("Execution with id " + id + " not found"));
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
                move(l, ExecutionStatus.CANCELING, null);
            } else if (s != ExecutionStatus.CANCELING) {
                gate.forget(id);
                complete(l, ExecutionStatus.CANCELED, Map.of("failed", true, "succeeded", false,
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

    /** The execution with this id. */
    public Optional<Execution> find(String id) {
        LiveExecution l = live.get(id);
        return l != null ? Optional.of(l.current) : repository.find(id);
    }

    /** Executions matching the filters, newest first. */
    public List<Execution> list(ExecutionQuery query) {
        return repository.list(query);
    }

    /** The live output of a running or recently completed execution. */
    public Optional<OutputBuffer> output(String id) {
        LiveExecution l = live.get(id);
        return l != null ? Optional.of(l.output) : Optional.ofNullable(finishedOutput.get(id));
    }

    /** The action named by a ref. */
    public Action action(String ref) {
        return actions.find(ref).orElseThrow(() -> new IllegalArgumentException("Action \"" + ref + "\" cannot be found."));
    }

    private Map<String, Object> context(Action action, Map<String, Object> given) {
        Map<String, Object> ctx = new LinkedHashMap<>(given);
        ctx.putIfAbsent("user", settings.systemUser());
        ctx.putIfAbsent("pack", action.pack());
        return ctx;
    }

    private ResolvedParameters resolve(Action action, Map<String, Object> given, Map<String, Object> ctx, boolean render) {
        List<dev.reflex.actions.ParameterSpec> runnerParameters = invocation.runnerParameters(action.runnerType());
        if (given.isEmpty()) {
            return defaults.resolve(action, runnerParameters, () -> resolve(action, runnerParameters, given, ctx, render));
        }
        return resolve(action, runnerParameters, given, ctx, render);
    }

    private ResolvedParameters resolve(Action action, List<dev.reflex.actions.ParameterSpec> runnerParameters,
                                       Map<String, Object> given, Map<String, Object> ctx, boolean render) {
        Map<String, Object> templateContext = new HashMap<>();
        templateContext.put("action_context", TemplateValues.view(ctx));
        templateContext.put("st2kv", Map.of("system", new KeyValueLookup(secrets)));
        templateContext.put("config_context", Map.of());
        return resolver.resolve(action, runnerParameters, given, templateContext, render);
    }

    private void dispatch(LiveExecution l) {
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
                    l.parameters = resolve(action, l.current.parameters(), l.current.context(), false);
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
            result.put("error", ABANDONED_REASON);
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
    private void move(LiveExecution l, ExecutionStatus next, Map<String, Object> result) {
        Execution e = l.current.moveTo(next, clock.instant());
        if (result != null) {
            e = e.withResult(result);
        }
        l.record(e, repository);
        l.current = e;
    }

    /** Records the final status, then emits, frees policy slots and applies retries. Callers hold the lock. */
    private void complete(LiveExecution l, ExecutionStatus status, Map<String, Object> result) {
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
                    request(done.actionRef(), done.parameters(), retry.context(), false);
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
    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        timers.shutdownNow();
        orchestrators.values().forEach(Orchestrator::shutdown);
        for (LiveExecution l : live.values()) {
            if (l.current.status() == ExecutionStatus.RUNNING) {
                l.cancellation.cancel("the Reflex server is stopping");
            }
        }
        workers.shutdown();
        if (!workers.awaitTermination(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("executions still running after {}; they will be marked abandoned at the next start",
                    settings.stopGrace());
            workers.shutdownNow();
        }
    }

    /** An execution id that is not known. */
    public static final class NotFound extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The exception with its message. */
        public NotFound(String message) {
            super(message);
        }
    }
}
