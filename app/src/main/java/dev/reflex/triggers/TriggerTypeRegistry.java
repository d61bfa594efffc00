package dev.reflex.triggers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The trigger types Reflex knows, by ref, with validation of payloads and parameters against
 * their schemas. Thread-safe.
 *
 * <p>As in StackStorm, a type without a schema accepts anything, and validation fills in the
 * schema's defaults.
 */
public final class TriggerTypeRegistry {

    private final ConcurrentMap<String, Entry> types = new ConcurrentHashMap<>();

    /** A type with its schemas, compiled when it is registered. */
    private record Entry(TriggerType type, JsonSchema.Compiled payload, JsonSchema.Compiled parameters) {
        Entry(TriggerType type) {
            this(type, JsonSchema.compile(type.payloadSchema()), JsonSchema.compile(type.parametersSchema()));
        }
    }

    /** A registry holding only the built-in types. */
    public static TriggerTypeRegistry withBuiltins() {
        TriggerTypeRegistry r = new TriggerTypeRegistry();
        BuiltinTriggerTypes.all().forEach(r::register);
        return r;
    }

    /** The built-in types: StackStorm's {@code core} pack triggers and {@code sensu.event_handler}. */
    public static List<TriggerType> builtins() {
        return BuiltinTriggerTypes.all();
    }

    /** Adds or replaces a type. */
    public void register(TriggerType type) {
        types.put(type.ref(), new Entry(type));
    }

    /** Removes a type; returns whether it was there. */
    public boolean unregister(String ref) {
        return types.remove(ref) != null;
    }

    /** The type with this ref. */
    public Optional<TriggerType> find(String ref) {
        return Optional.ofNullable(types.get(ref)).map(Entry::type);
    }

    /** Every type, in no particular order. */
    public Collection<TriggerType> all() {
        return types.values().stream().map(Entry::type).toList();
    }

    /**
     * Validates a payload against its type's payload schema.
     *
     * @return the payload with defaults filled in, and violations; a single violation when the type is unknown
     */
    public JsonSchema.Result validatePayload(String typeRef, Map<String, Object> payload) {
        return validate(typeRef, payload, true);
    }

    /**
     * Validates trigger parameters (a rule's {@code trigger.parameters}) against the type's parameters schema.
     *
     * @return the parameters with defaults filled in, and violations; a single violation when the type is unknown
     */
    public JsonSchema.Result validateParameters(String typeRef, Map<String, Object> parameters) {
        return validate(typeRef, parameters, false);
    }

    private JsonSchema.Result validate(String typeRef, Map<String, Object> value, boolean payload) {
        Entry entry = types.get(typeRef);
        if (entry == null) {
            return new JsonSchema.Result(value, List.of(new SchemaViolation("",
                    "Trigger type with reference \"" + typeRef + "\" doesn't exist")));
        }
        return (payload ? entry.payload() : entry.parameters()).validate(value == null ? Map.of() : value);
    }
}
