package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reflex.rules.service.RuleService;
import dev.reflex.template.PyJson;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import dev.reflex.triggers.TriggerType;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceQuery;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import dev.reflex.triggers.store.TriggerTypeRepository;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trigger types, triggers and trigger instances, shaped as StackStorm's {@code /api/v1/triggertypes},
 * {@code /api/v1/triggers} and {@code /api/v1/triggerinstances}.
 */
public final class TriggersModule implements ApiModule {

    private static final Set<String> TYPE_FIELDS = Set.of("id", "ref", "uid", "name", "pack", "description",
            "payload_schema", "parameters_schema", "tags", "metadata_file");

    private final TriggerTypeRegistry types;
    private final TriggerTypeRepository typeStore;
    private final RuleService rules;
    private final TriggerInstanceRepository instances;
    private final DurableTriggerEmitter emitter;

    /** The module over the trigger registry, the stores and the emitter (for re-emits). */
    public TriggersModule(TriggerTypeRegistry types, TriggerTypeRepository typeStore, RuleService rules,
                          TriggerInstanceRepository instances, DurableTriggerEmitter emitter) {
        this.types = types;
        this.typeStore = typeStore;
        this.rules = rules;
        this.instances = instances;
        this.emitter = emitter;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/triggertypes", Access.USER, "List trigger types (?pack=).", this::listTypes);
        r.get("/api/v1/triggertypes/{ref}", Access.USER, "Get one trigger type.", this::getType);
        r.post("/api/v1/triggertypes", Access.USER, "Register a trigger type: {name, pack, payload_schema, …}.",
                this::postType);
        r.delete("/api/v1/triggertypes/{ref}", Access.USER, "Delete a trigger type registered through the API.",
                this::deleteType);
        r.get("/api/v1/triggers", Access.USER, "List the triggers rules use (?type=).", this::listTriggers);
        r.get("/api/v1/triggers/{ref}", Access.USER, "Get one trigger.", this::getTrigger);
        r.get("/api/v1/triggerinstances", Access.USER, "List trigger instances, newest first (?trigger=, ?status=, "
                + "?timestamp_gt=, ?timestamp_lt=, ?limit=, ?offset=).", this::listInstances);
        r.get("/api/v1/triggerinstances/{id}", Access.USER, "Get one trigger instance.", this::getInstance);
        r.post("/api/v1/triggerinstances/{id}/re_emit", Access.USER,
                "Emit a trigger instance's payload again as a new instance.", this::reEmit);
    }

    private void listTypes(Context ctx) {
        String pack = Queries.text(ctx, "pack");
        ctx.json(types.all().stream().filter(t -> pack == null || pack.equals(t.pack()))
                .sorted(Comparator.comparing(TriggerType::ref)).map(TriggersModule::typeView).toList());
    }

    private void getType(Context ctx) {
        String ref = ctx.pathParam("ref");
        ctx.json(typeView(types.find(ref).orElseThrow(() -> ApiException.notFound("no trigger type '" + ref + "'"))));
    }

    private void postType(Context ctx) {
        ObjectNode body = Bodies.object(ctx);
        List<String> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!TYPE_FIELDS.contains(f)) {
                errors.add("unknown field '" + f + "'");
            }
        });
        String name = textField(body, "name", true, errors);
        String pack = textField(body, "pack", false, errors);
        String description = textField(body, "description", false, errors);
        for (String schema : List.of("payload_schema", "parameters_schema")) {
            if (body.hasNonNull(schema) && !body.get(schema).isObject()) {
                errors.add("'" + schema + "' must be an object (a JSON schema)");
            }
        }
        if (body.hasNonNull("tags") && !body.get("tags").isArray()) {
            errors.add("'tags' must be an array");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid trigger type: " + String.join("; ", errors), errors);
        }
        TriggerType type = new TriggerType(null, pack == null ? "default" : pack, name, description,
                body.get("payload_schema"), body.get("parameters_schema"),
                body.hasNonNull("tags") ? new ArrayList<>((List<?>) PyJson.toPlain(body.get("tags"))) : List.of());
        if (types.find(type.ref()).isPresent()) {
            throw ApiException.conflict("trigger type " + type.ref() + " already exists");
        }
        typeStore.put(type);
        types.register(type);
        ctx.status(201).json(typeView(type));
    }

    private void deleteType(Context ctx) {
        String ref = ctx.pathParam("ref");
        boolean stored = typeStore.list().stream().anyMatch(t -> t.ref().equals(ref));
        if (!stored) {
            throw types.find(ref).isPresent()
                    ? ApiException.conflict("trigger type " + ref + " is built in or comes from a pack; it cannot be deleted")
                    : ApiException.notFound("no trigger type '" + ref + "'");
        }
        typeStore.delete(ref);
        types.unregister(ref);
        ctx.status(204);
    }

    private static String textField(JsonNode body, String field, boolean required, List<String> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add("'" + field + "' is a required property");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.add("'" + field + "' must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private void listTriggers(Context ctx) {
        String type = Queries.text(ctx, "type");
        Map<String, Trigger> all = new LinkedHashMap<>();
        rules.list().forEach(r -> {
            Trigger t = RuleService.triggerOf(r);
            all.putIfAbsent(t.ref(), t);
        });
        ctx.json(all.values().stream().filter(t -> type == null || type.equals(t.type()))
                .sorted(Comparator.comparing(Trigger::ref)).map(TriggersModule::triggerView).toList());
    }

    private void getTrigger(Context ctx) {
        String ref = ctx.pathParam("ref");
        Trigger t = rules.list().stream().map(RuleService::triggerOf).filter(x -> x.ref().equals(ref)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no trigger '" + ref + "' is used by a rule"));
        ctx.json(triggerView(t));
    }

    private void listInstances(Context ctx) {
        String status = Queries.text(ctx, "status");
        TriggerInstanceStatus st = null;
        if (status != null) {
            try {
                st = TriggerInstanceStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'status' must be pending, processing, processed or processing_failed, got '"
                        + status + "'");
            }
        }
        TriggerInstanceQuery q = new TriggerInstanceQuery(Queries.text(ctx, "trigger"), st, Queries.time(ctx, "timestamp_gt"),
                Queries.time(ctx, "timestamp_lt"), Queries.integer(ctx, "limit", 50, 1, TriggerInstanceQuery.MAX_LIMIT),
                Queries.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        ctx.json(instances.list(q).stream().map(TriggersModule::instanceView).toList());
    }

    private void getInstance(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(instanceView(instances.get(id).orElseThrow(() -> ApiException.notFound("no trigger instance '" + id + "'"))));
    }

    private void reEmit(Context ctx) {
        String id = ctx.pathParam("id");
        StoredTriggerInstance s = instances.get(id).orElseThrow(() -> ApiException.notFound("no trigger instance '" + id + "'"));
        TriggerInstance again;
        try {
            again = emitter.emit(s.instance().trigger(), s.instance().payload(), s.traceTag());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Trigger instance " + id + " succesfully re-sent.");
        out.put("payload", again.payload());
        out.put("id", again.id());
        ctx.json(out);
    }

    static Map<String, Object> typeView(TriggerType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", t.ref());
        m.put("uid", "trigger_type:" + t.pack() + ":" + t.name());
        m.put("name", t.name());
        m.put("pack", t.pack());
        m.put("description", t.description());
        m.put("payload_schema", t.payloadSchema() == null ? Map.of() : t.payloadSchema());
        m.put("parameters_schema", t.parametersSchema() == null ? Map.of() : t.parametersSchema());
        m.put("tags", t.tags());
        return m;
    }

    static Map<String, Object> triggerView(Trigger t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", t.ref());
        m.put("uid", t.uid());
        m.put("name", t.name());
        m.put("pack", t.pack());
        m.put("type", t.type());
        m.put("parameters", t.parameters());
        return m;
    }

    static Map<String, Object> instanceView(StoredTriggerInstance s) {
        TriggerInstance ti = s.instance();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ti.id());
        m.put("trigger", ti.trigger().ref());
        m.put("trigger_type", ti.trigger().type());
        m.put("payload", ti.payload());
        m.put("occurrence_time", ti.occurrenceTime().toString());
        m.put("status", ti.status().wireName());
        m.put("trace_tag", s.traceTag());
        return m;
    }
}
