package dev.reflex.triggers;

import dev.reflex.template.PyJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A trigger type with one set of parameters, such as the webhook with URL {@code sample}.
 *
 * <p>As in StackStorm, a trigger without parameters has the ref of its type; a trigger with
 * parameters gets its own name, here a UUID derived from the type and the parameters so that it
 * is the same on every node and after every restart.
 *
 * @param ref        {@code <pack>.<name>}
 * @param pack       the pack of the type
 * @param name       the type's name, or the UUID of a parameterised trigger
 * @param type       the ref of the trigger type
 * @param parameters the parameters, plain data (empty for none)
 */
public record Trigger(String ref, String pack, String name, String type, Map<String, Object> parameters) {

    public Trigger {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(type, "type");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The trigger of {@code typeRef} with {@code parameters}: the same values always give the same
     * ref, whatever the order of the parameters.
     */
    public static Trigger of(String typeRef, Map<String, Object> parameters) {
        int dot = typeRef.indexOf('.');
        String pack = dot < 0 ? "" : typeRef.substring(0, dot);
        String typeName = dot < 0 ? typeRef : typeRef.substring(dot + 1);
        if (parameters == null || parameters.isEmpty()) {
            return new Trigger(typeRef, pack, typeName, typeRef, Map.of());
        }
        String name = UUID.nameUUIDFromBytes((typeRef + "\n" + canonical(parameters)).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Trigger(pack + "." + name, pack, name, typeRef, parameters);
    }

    /** StackStorm's uid form: {@code trigger:<pack>:<name>}. */
    public String uid() {
        return "trigger:" + pack + ":" + name;
    }

    /** The parameters as JSON with keys sorted at every level, the form their identity is computed from. */
    public static String canonical(Map<String, Object> parameters) {
        return PyJson.dumps(sorted(parameters), -1, true, ",", ":", true);
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(Trigger::sorted).toList();
        }
        return value;
    }
}
