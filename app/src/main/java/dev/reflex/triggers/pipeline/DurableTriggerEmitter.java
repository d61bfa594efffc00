package dev.reflex.triggers.pipeline;

import dev.reflex.bus.Bus;
import dev.reflex.bus.Topic;
import dev.reflex.triggers.JsonSchema;
import dev.reflex.triggers.SchemaViolation;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerType;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.store.Ids;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link TriggerEmitter} of the server: resolve, validate, store durably (group commit), then
 * publish for the rules. An instance stored but not published (the process died in between) is
 * still pending in the store and is dispatched again at the next start.
 */
public final class DurableTriggerEmitter implements TriggerEmitter {

    /** The topic trigger instances are published on once they are durable. */
    public static final Topic<TriggerInstance> TOPIC = new Topic<>("reflex.trigger_instances", TriggerInstance.class, 16384);

    private final TriggerTypeRegistry types;
    private final Function<String, Optional<Trigger>> triggers;
    private final TriggerInstanceRepository instances;
    private final Bus bus;
    private final Clock clock;

    /**
     * An emitter.
     *
     * @param types     the known trigger types
     * @param triggers  the parameterised triggers rules use, by ref
     * @param instances where instances are stored
     * @param bus       where they are published
     * @param clock     gives occurrence times
     */
    public DurableTriggerEmitter(TriggerTypeRegistry types, Function<String, Optional<Trigger>> triggers,
                                 TriggerInstanceRepository instances, Bus bus, Clock clock) {
        this.types = types;
        this.triggers = triggers;
        this.instances = instances;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public TriggerInstance emit(String trigger, Map<String, Object> payload, String traceTag) {
        if (trigger == null || trigger.isBlank()) {
            throw new IllegalArgumentException("Trigger not specified.");
        }
        Trigger resolved = triggers.apply(trigger).orElseGet(() -> {
            TriggerType type = types.find(trigger).orElseThrow(() -> new IllegalArgumentException(
                    "Trigger \"" + trigger + "\" doesn't exist: it is neither a trigger type nor a trigger of a rule"));
            return Trigger.of(type.ref(), Map.of());
        });
        return emit(resolved, payload, traceTag);
    }

    /**
     * Records one occurrence of a known trigger (a webhook's, a timer's) and queues it for the rules.
     *
     * @throws IllegalArgumentException if the trigger's type is unknown or the payload violates its schema
     */
    public TriggerInstance emit(Trigger trigger, Map<String, Object> payload, String traceTag) {
        JsonSchema.Result checked = types.validatePayload(trigger.type(), payload == null ? Map.of() : payload);
        if (!checked.valid()) {
            throw new IllegalArgumentException("the payload of trigger " + trigger.ref() + " is not valid for trigger type "
                    + trigger.type() + ": " + checked.violations().stream().map(SchemaViolation::toString)
                    .collect(Collectors.joining("; ")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> validated = (Map<String, Object>) checked.value();
        TriggerInstance instance = TriggerInstance.pending(Ids.next(clock), trigger, validated, clock.instant());
        instances.insert(new StoredTriggerInstance(instance, traceTag));
        publish(instance);
        return instance;
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
