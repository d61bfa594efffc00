package dev.reflex.triggers.pipeline;

import dev.reflex.bus.Bus;
import dev.reflex.bus.Topic;
import dev.reflex.triggers.JsonSchema;
import dev.reflex.triggers.SchemaViolation;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import dev.reflex.triggers.TriggerType;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.store.Ids;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@link TriggerEmitter} of the server: resolve, validate, process (see below), store durably
 * (group commit). An instance stored pending but not published (the process died in between) is
 * still pending in the store and is dispatched again at the next start.
 *
 * <p>An instance of a trigger that no enabled rule listens to (most action completions) is stored
 * already {@code processed} and not published: matching it would find nothing, and this saves the
 * dispatcher's work and its second write. It is recorded all the same, as StackStorm records it.
 *
 * <p>While an {@link InstanceProcessor} is installed (the rules dispatcher installs one while it
 * runs), a new instance that rules listen to is processed on the emitting thread before it is
 * stored, and stored with its outcome and the enforcements in one transaction: one write per
 * instance and no hand-off between threads. It is then not published. Without one, instances are
 * stored pending and published, and the dispatcher's workers process them (re-emits, recovery).
 */
public final class DurableTriggerEmitter implements TriggerEmitter {

    /** The topic trigger instances are published on once they are durable. */
    public static final Topic<TriggerInstance> TOPIC = new Topic<>("reflex.trigger_instances", TriggerInstance.class, 16384);
    private static final Executor PUBLISHER = task -> Thread.ofVirtual().name("trigger-publish").start(task);

    private final TriggerTypeRegistry types;
    private final Function<String, Optional<Trigger>> triggers;
    private final TriggerInstanceRepository instances;
    private final Bus bus;
    private final Clock clock;
    private final Predicate<String> listened;
    private volatile InstanceProcessor processor;

    /**
     * An emitter that publishes every instance for the rules.
     *
     * @param types     the known trigger types
     * @param triggers  the parameterised triggers rules use, by ref
     * @param instances where instances are stored
     * @param bus       where they are published
     * @param clock     gives occurrence times
     */
    public DurableTriggerEmitter(TriggerTypeRegistry types, Function<String, Optional<Trigger>> triggers,
                                 TriggerInstanceRepository instances, Bus bus, Clock clock) {
        this(types, triggers, instances, bus, clock, ref -> true);
    }

    /**
     * An emitter that publishes only the instances of triggers some enabled rule listens to.
     *
     * @param listened whether an enabled rule listens to a trigger ref (asked at every emit)
     */
    public DurableTriggerEmitter(TriggerTypeRegistry types, Function<String, Optional<Trigger>> triggers,
                                 TriggerInstanceRepository instances, Bus bus, Clock clock, Predicate<String> listened) {
        this.types = types;
        this.triggers = triggers;
        this.instances = instances;
        this.bus = bus;
        this.clock = clock;
        this.listened = listened;
    }

    /**
     * Installs the processor new instances go through before they are stored, or removes it
     * ({@code null}): from then on they are stored pending and published instead.
     */
    public void processWith(InstanceProcessor processor) {
        this.processor = processor;
    }

    @Override
    public TriggerInstance emit(String trigger, Map<String, Object> payload, String traceTag) {
        return emit(resolve(trigger), payload, traceTag);
    }

    @Override
    public CompletableFuture<TriggerInstance> emitAsync(String trigger, Map<String, Object> payload, String traceTag) {
        Trigger resolved;
        try {
            resolved = resolve(trigger);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return emitAsync(resolved, payload, traceTag);
    }

    /**
     * Records one occurrence of a known trigger without waiting: the future completes once the
     * instance is durable (and queued for the rules), or fails with an {@link IllegalArgumentException}
     * if the trigger's type is unknown or the payload violates its schema, or with the store's error.
     */
    public CompletableFuture<TriggerInstance> emitAsync(Trigger trigger, Map<String, Object> payload, String traceTag) {
        TriggerInstance instance;
        try {
            instance = validated(trigger, payload);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        InstanceProcessor inline = instance.status() == TriggerInstanceStatus.PENDING ? processor : null;
        if (inline != null) {
            InstanceProcessor.Outcome outcome;
            try {
                outcome = inline.process(instance);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            TriggerInstance done = instance.withStatus(outcome.status());
            return instances.insertAsync(new StoredTriggerInstance(done, traceTag), outcome.rows()).thenApply(v -> done);
        }
        CompletableFuture<Void> stored = instances.insertAsync(new StoredTriggerInstance(instance, traceTag));
        if (instance.status() != TriggerInstanceStatus.PENDING) {
            return stored.thenApply(done -> instance);
        }
        // Published on a thread of its own, not on the store's completer thread that completes the insert:
        // a full rules queue must never hold back the completion of every other write.
        return stored.thenApplyAsync(done -> {
            publish(instance);
            return instance;
        }, PUBLISHER);
    }

    private Trigger resolve(String trigger) {
        if (trigger == null || trigger.isBlank()) {
            throw new IllegalArgumentException("Trigger not specified.");
        }
        Trigger resolved = triggers.apply(trigger).orElseGet(() -> {
            TriggerType type = types.find(trigger).orElseThrow(() -> new IllegalArgumentException(
                    "Trigger \"" + trigger + "\" doesn't exist: it is neither a trigger type nor a trigger of a rule"));
            return Trigger.of(type.ref(), Map.of());
        });
        return resolved;
    }

    /**
     * Records one occurrence of a known trigger (a webhook's, a timer's) and queues it for the rules.
     *
     * @throws IllegalArgumentException if the trigger's type is unknown or the payload violates its schema
     */
    public TriggerInstance emit(Trigger trigger, Map<String, Object> payload, String traceTag) {
        TriggerInstance instance = validated(trigger, payload);
        InstanceProcessor inline = instance.status() == TriggerInstanceStatus.PENDING ? processor : null;
        if (inline != null) {
            InstanceProcessor.Outcome outcome = inline.process(instance);
            TriggerInstance done = instance.withStatus(outcome.status());
            instances.insert(new StoredTriggerInstance(done, traceTag), outcome.rows());
            return done;
        }
        instances.insert(new StoredTriggerInstance(instance, traceTag));
        if (instance.status() == TriggerInstanceStatus.PENDING) {
            publish(instance);
        }
        return instance;
    }

    /** A new instance of a validated payload: pending, or already processed when no enabled rule listens. */
    private TriggerInstance validated(Trigger trigger, Map<String, Object> payload) {
        JsonSchema.Result checked = types.validatePayload(trigger.type(), payload == null ? Map.of() : payload);
        if (!checked.valid()) {
            throw new IllegalArgumentException("the payload of trigger " + trigger.ref() + " is not valid for trigger type "
                    + trigger.type() + ": " + checked.violations().stream().map(SchemaViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> validated = (Map<String, Object>) checked.value();
        return new TriggerInstance(Ids.next(clock), trigger, validated, clock.instant(),
                listened.test(trigger.ref()) ? TriggerInstanceStatus.PENDING : TriggerInstanceStatus.PROCESSED);
    }

    /** Publishes a stored instance for the rules (again, for a re-emit or a recovery). */
    public void publish(TriggerInstance instance) {
        try {
            bus.publish(TOPIC, instance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing trigger instance " + instance.id()
                    + " for the rules; it is stored and will be dispatched at the next start", e);
        }
    }
}
