package dev.reflex.workflows.inquiry;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.Orchestrator;
import dev.reflex.runners.RunnerType;
import dev.reflex.store.Store;
import dev.reflex.template.PyJson;
import dev.reflex.triggers.JsonSchema;
import dev.reflex.triggers.SchemaViolation;
import dev.reflex.triggers.TriggerEmitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inquirer} runner: a started {@code core.ask} execution records its question, moves to
 * {@code pending}, emits {@code core.st2.generic.inquiry} and pauses the workflows above it (the
 * parent at once, each further ancestor once the one below has paused, checked every second). A valid
 * {@link #respond response} completes it {@code succeeded} and resumes them; a sweep that runs every
 * second times out the inquiries whose TTL has passed by the injected clock (and resumes their
 * workflows too, which then follow their failure path).
 */
public final class Inquirer implements Orchestrator {

    /** The runner's name. */
    public static final String NAME = "inquirer";
    /** StackStorm's default question: a required boolean {@code continue}. */
    public static final Map<String, Object> DEFAULT_SCHEMA = Map.of("type", "object", "properties",
            Map.of("continue", Map.of("type", "boolean", "description", "Would you like to continue the workflow?",
                    "required", true)));
    /** The runner type, with StackStorm's parameters and defaults. */
    public static final RunnerType TYPE = RunnerType.of(NAME,
            "Waits, in status pending, for a response that conforms to a JSON schema (core.ask).", List.of(
                    ParameterSpec.of("schema", ParameterType.OBJECT).withDefault(DEFAULT_SCHEMA)
                            .withDescription("JSON schema the response must conform to."),
                    ParameterSpec.of("roles", ParameterType.ARRAY).withDefault(List.of())
                            .withDescription("Roles allowed to respond (admin, user); empty: any."),
                    ParameterSpec.of("users", ParameterType.ARRAY).withDefault(List.of())
                            .withDescription("Users allowed to respond; empty: any."),
                    ParameterSpec.of("route", ParameterType.STRING).withDefault("")
                            .withDescription("Route for notifications (core.st2.generic.inquiry)."),
                    ParameterSpec.of("ttl", ParameterType.INTEGER).withDefault(1440)
                            .withDescription("Minutes to wait for a response before timing out; 0 waits forever.")));
    private static final Logger LOG = LoggerFactory.getLogger(Inquirer.class);
    private static final String TRIGGER = "core.st2.generic.inquiry";

    private final InquiryRepository repository;
    private final TriggerEmitter emitter;
    private final Clock clock;
    private final Set<String> resumeWhenPaused = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> pausing = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile ExecutionService engine;
    private ScheduledExecutorService ticker;

    /**
     * The runner.
     *
     * @param store   where inquiries are kept
     * @param emitter receives {@code core.st2.generic.inquiry} instances; null when there is no trigger pipeline
     * @param clock   the time source of TTLs
     */
    public Inquirer(Store store, TriggerEmitter emitter, Clock clock) {
        this.repository = new InquiryRepository(store);
        this.emitter = emitter;
        this.clock = clock;
    }

    @Override
    public RunnerType type() {
        return TYPE;
    }

    @Override
    public void attach(ExecutionService e) {
        this.engine = e;
    }

    @Override
    public void start(Execution execution, Action action, ResolvedParameters parameters) {
        ticking();
        Inquiry q = fromParameters(execution, parameters.all());
        repository.save(q);
        open(q);
    }

    private void open(Inquiry q) {
        engine.transition(q.id(), ExecutionStatus.PENDING, question(q));
        if (emitter != null) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", q.id());
            payload.put("route", q.route());
            try {
                emitter.emit(TRIGGER, payload, null);
            } catch (RuntimeException e) {
                LOG.warn("inquiry {}: {} not emitted: {}", q.id(), TRIGGER, e.getMessage());
            }
        }
        if (q.parentId() != null) {
            List<String> ancestors = new java.util.ArrayList<>(Ancestors.of(engine, q.parentId()));
            pausing.put(q.id(), ancestors);
            advancePausing(q.id());
        }
    }

    private Inquiry fromParameters(Execution execution, Map<String, Object> p) {
        long ttl = p.get("ttl") instanceof Number n ? n.longValue() : 1440;
        Instant expires = ttl > 0 ? clock.instant().plus(Duration.ofMinutes(ttl)) : null;
        return new Inquiry(execution.id(), execution.parentId(), Inquiry.PENDING, expires, map(p.get("schema")),
                strings(p.get("roles")), strings(p.get("users")), p.get("route") == null ? "" : String.valueOf(p.get("route")),
                ttl, null, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : DEFAULT_SCHEMA;
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> question(Inquiry q) {
        Map<String, Object> r = q.result();
        r.remove("response");
        return r;
    }

    @Override
    public void childCompleted(Execution child) {
        // an inquiry has no children
    }

    /**
     * After a restart: an inquiry found pending stays pending (it may time out at the next sweep); one
     * that had not reached pending is opened again; one answered just before the stop is completed.
     */
    @Override
    public void recover(Execution execution, Action action) {
        ticking();
        Optional<Inquiry> found = repository.find(execution.id());
        if (found.isEmpty()) {
            Inquiry q = fromParameters(execution, execution.parameters());
            repository.save(q);
            open(q);
            return;
        }
        Inquiry q = found.get();
        switch (q.status()) {
            case Inquiry.PENDING -> {
                if (execution.status() == ExecutionStatus.RUNNING) {
                    open(q);
                }
            }
            case "succeeded" -> {
                engine.finish(q.id(), ExecutionStatus.SUCCEEDED, q.result());
                resumeParents(q);
            }
            case "timeout" -> {
                engine.finish(q.id(), ExecutionStatus.TIMEOUT, timedOut(q));
                resumeParents(q);
            }
            default -> engine.finish(q.id(), ExecutionStatus.CANCELED, q.result());
        }
    }

    /** A pending inquiry cannot be canceling; one canceled before it reached pending ends here. */
    @Override
    public void cancel(Execution execution) {
        repository.find(execution.id()).ifPresent(q -> repository.save(q.ended("canceled", null, null)));
        engine.finish(execution.id(), ExecutionStatus.CANCELED, Map.of("error", "Inquiry was canceled"));
    }

    /** Inquiries wait for an answer; pausing one has no meaning, so the engine refuses it. */
    @Override
    public boolean pausable() {
        return false;
    }

    /** Inquiries are not paused; the engine refuses before calling this. */
    @Override
    public void pause(Execution execution) {
        throw new UnsupportedOperationException("inquiries cannot be paused");
    }

    /** Inquiries are not resumed; the engine refuses before calling this. */
    @Override
    public void resume(Execution execution) {
        throw new UnsupportedOperationException("inquiries cannot be resumed");
    }

    /** The inquiries waiting for a response, oldest first. */
    public List<Inquiry> pending() {
        return repository.inStatus(Inquiry.PENDING).stream().filter(this::live).toList();
    }

    /** The inquiry with this id, whatever its status. */
    public Optional<Inquiry> find(String id) {
        return repository.find(id);
    }

    private boolean live(Inquiry q) {
        return engine.find(q.id()).map(e -> e.status() == ExecutionStatus.PENDING).orElse(false);
    }

    /**
     * Answers an inquiry: checks that it is pending, that the responder may answer and that the
     * response conforms to the schema (defaults filled in), then completes the asking execution
     * {@code succeeded} with the response in its result and resumes the workflows above it.
     *
     * @return the answered inquiry
     * @throws InquiryException when the response is refused; nothing changes then
     */
    public Inquiry respond(String id, Map<String, Object> response, Responder by) {
        Inquiry answered;
        synchronized (lock) {
            Inquiry q = repository.find(id).orElseThrow(() -> new InquiryException(InquiryException.Kind.NOT_FOUND,
                    "Inquiry with id " + id + " not found", List.of()));
            Execution e = engine.find(id).orElse(null);
            if (!q.pending() || e == null || e.status() != ExecutionStatus.PENDING) {
                String status = e == null ? q.status() : e.status().value();
                throw new InquiryException(InquiryException.Kind.NOT_PENDING, "Inquiry " + id + " is \"" + status
                        + "\", not pending; it can no longer be responded to.", List.of());
            }
            if (!permitted(q, by)) {
                throw new InquiryException(InquiryException.Kind.FORBIDDEN, "User \"" + by.user()
                        + "\" may not respond to inquiry " + id + permission(q) + ".", List.of());
            }
            JsonSchema.Result r = JsonSchema.validate(PyJson.toNode(q.schema()), response);
            if (!r.valid()) {
                throw new InquiryException(InquiryException.Kind.INVALID, "Response for inquiry " + id
                        + " does not conform to its schema", r.violations().stream().map(SchemaViolation::toString).toList());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) r.value();
            answered = q.ended("succeeded", value, by.user());
            repository.save(answered);
            engine.finish(id, ExecutionStatus.SUCCEEDED, answered.result());
        }
        LOG.info("inquiry {} answered by {}", id, by.user());
        resumeParents(answered);
        return answered;
    }

    /**
     * Whether {@code by} may answer: StackStorm's rule that both the user list and the role list must
     * pass, an empty list passing. Reflex has two roles: {@code admin} (admin API keys) and {@code user}
     * (every caller); other role names match nobody.
     */
    static boolean permitted(Inquiry q, Responder by) {
        boolean users = q.users().isEmpty() || q.users().contains(by.user());
        boolean roles = q.roles().isEmpty() || q.roles().contains("user") || by.admin() && q.roles().contains("admin");
        return users && roles;
    }

    private static String permission(Inquiry q) {
        StringBuilder b = new StringBuilder();
        if (!q.users().isEmpty()) {
            b.append("; allowed users: ").append(String.join(", ", q.users()));
        }
        if (!q.roles().isEmpty()) {
            b.append("; allowed roles: ").append(String.join(", ", q.roles()));
        }
        return b.toString();
    }

    /**
     * Times out the pending inquiries whose TTL has passed at the clock's time and resumes the
     * workflows above them; also resumes workflows that were still pausing when their inquiry ended.
     * Called every second; tests may call it directly.
     */
    public void sweep() {
        ExecutionService e = engine;
        if (e == null) {
            return;
        }
        for (Inquiry q : repository.expired(clock.instant())) {
            Inquiry ended;
            synchronized (lock) {
                Execution ex = e.find(q.id()).orElse(null);
                if (ex == null || ex.status() != ExecutionStatus.PENDING) {
                    if (ex != null && ex.status().completed()) {
                        repository.save(q.ended(ex.status().value(), q.response(), q.respondedBy()));
                    }
                    continue;
                }
                ended = q.ended("timeout", null, null);
                repository.save(ended);
                e.finish(q.id(), ExecutionStatus.TIMEOUT, timedOut(q));
            }
            LOG.info("inquiry {} timed out after {} minute(s) without a response", q.id(), q.ttl());
            resumeParents(ended);
        }
        pausing.keySet().forEach(this::advancePausing);
        resumeWhenPaused.removeIf(id -> Ancestors.resumeOne(e, id, "(earlier)"));
    }

    private static Map<String, Object> timedOut(Inquiry q) {
        Map<String, Object> r = q.result();
        r.put("error", "Inquiry timed out: no response within " + q.ttl() + " minute(s)");
        return r;
    }

    private void advancePausing(String id) {
        pausing.computeIfPresent(id, (k, remaining) -> Ancestors.pauseStep(engine, k, remaining) ? null : remaining);
    }

    private void resumeParents(Inquiry q) {
        pausing.remove(q.id());
        if (q.parentId() == null) {
            return;
        }
        Set<String> blocked = new HashSet<>();
        for (Inquiry other : repository.inStatus(Inquiry.PENDING)) {
            if (!other.id().equals(q.id()) && other.parentId() != null) {
                blocked.addAll(Ancestors.of(engine, other.parentId()));
            }
        }
        resumeWhenPaused.addAll(Ancestors.resume(engine, q.id(), q.parentId(), blocked));
    }

    private void ticking() {
        synchronized (lock) {
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("inquiry-expiry").factory());
                ticker.scheduleWithFixedDelay(this::safeSweep, 1, 1, TimeUnit.SECONDS);
            }
        }
    }

    private void safeSweep() {
        try {
            sweep();
        } catch (RuntimeException ex) {
            LOG.error("inquiry expiry sweep failed; trying again in a second", ex);
        }
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
            }
        }
    }
}
