package dev.reflex.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A kind of event: {@code core.st2.webhook}, {@code sensu.event_handler}, a pack's own trigger.
 *
 * @param ref              {@code <pack>.<name>}
 * @param pack             the pack that defines it
 * @param name             its name inside the pack
 * @param description      what it signals, or null
 * @param payloadSchema    JSON schema of the payload of its instances, or null for none
 * @param parametersSchema JSON schema of the parameters of its triggers, or null for none
 * @param tags             free-form tags ({@code name}/{@code value} pairs as given)
 */
public record TriggerType(String ref, String pack, String name, String description, JsonNode payloadSchema,
                          JsonNode parametersSchema, List<Object> tags) {

    public TriggerType {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(name, "name");
        ref = ref == null ? pack + "." + name : ref;
        payloadSchema = payloadSchema == null || payloadSchema.isNull() || payloadSchema.isEmpty() ? null : payloadSchema.deepCopy();
        parametersSchema = parametersSchema == null || parametersSchema.isNull() || parametersSchema.isEmpty()
                ? null : parametersSchema.deepCopy();
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A type with the given pack and name and schemas. */
    public static TriggerType of(String pack, String name, String description, JsonNode payloadSchema, JsonNode parametersSchema) {
        return new TriggerType(null, pack, name, description, payloadSchema, parametersSchema, List.of());
    }

    /** Whether triggers of this type take parameters (and so are one per parameter set). */
    public boolean parameterized() {
        return parametersSchema != null;
    }
}
