package dev.reflex.rules;

import dev.reflex.template.JsonPath;
import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the criteria of every rule see for one trigger instance: the payload under its prefix
 * ({@code trigger}, or {@code item} inside a search), the datastore under {@code system} for
 * criteria keys and under {@code st2kv.system} for pattern templates. Nothing is built until it is
 * needed, and datastore keys are read lazily and at most once.
 */
final class EvaluationScope {

    private final String prefix;
    private final Object payload;
    private final Function<String, Optional<String>> kvLookup;
    private final EvaluationScope parent;
    private KeyValueLookup kv;
    private Map<String, Object> root;
    private Map<String, Object> templateContext;

    private EvaluationScope(String prefix, Object payload, Function<String, Optional<String>> kvLookup, EvaluationScope parent) {
        this.prefix = prefix;
        this.payload = payload;
        this.kvLookup = kvLookup;
        this.parent = parent;
    }

    /** The scope of a trigger instance's payload. */
    static EvaluationScope of(Map<String, Object> payload, Function<String, Optional<String>> kvLookup) {
        return new EvaluationScope("trigger", payload, kvLookup, null);
    }

    /** The scope of one item of a searched list, sharing the datastore reads. */
    EvaluationScope item(Object item) {
        return new EvaluationScope("item", item, kvLookup, this);
    }

    Object payload() {
        return payload;
    }

    private int empty = -1;

    /** Whether the payload is null or an empty map: StackStorm's {@code not payload}, for which criteria never hold. */
    boolean emptyPayload() {
        if (empty < 0) {
            empty = payload instanceof Map<?, ?> m && !m.isEmpty() ? 0 : 1;
        }
        return empty == 1;
    }

    /** The first value of a criteria key's path, StackStorm's {@code PayloadLookup.get_value(key)[0]}. */
    Object lookup(JsonPath path) {
        return path.isChainUnder(prefix) ? path.firstBelow(payload) : path.first(root());
    }

    private KeyValueLookup kv() {
        if (parent != null) {
            return parent.kv();
        }
        if (kv == null) {
            kv = new KeyValueLookup(kvLookup);
        }
        return kv;
    }

    /** The document criteria keys are paths into: {@code {trigger: payload, system: datastore}}. */
    private Map<String, Object> root() {
        if (root == null) {
            root = new HashMap<>(4);
            root.put(prefix, payload);
            root.put("system", kv());
        }
        return root;
    }

    /** The context pattern templates render with. */
    Map<String, Object> templateContext() {
        if (templateContext == null) {
            templateContext = new HashMap<>(4);
            templateContext.put(prefix, TemplateValues.view(payload));
            templateContext.put("system", kv());
            templateContext.put("st2kv", Map.of("system", kv()));
        }
        return templateContext;
    }
}
