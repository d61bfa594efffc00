package dev.reflex.rules;

import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateValues;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the criteria of every rule see for one trigger instance: the payload under its prefix
 * ({@code trigger}, or {@code item} inside a search), the datastore under {@code system} for
 * criteria keys and under {@code st2kv.system} for pattern templates. Datastore keys are read
 * lazily and at most once.
 */
final class EvaluationScope {

    private final String prefix;
    private final Object payload;
    private final KeyValueLookup kv;
    private Map<String, Object> root;
    private Map<String, Object> templateContext;

    private EvaluationScope(String prefix, Object payload, KeyValueLookup kv) {
        this.prefix = prefix;
        this.payload = payload;
        this.kv = kv;
    }

    /** The scope of a trigger instance's payload. */
    static EvaluationScope of(Map<String, Object> payload, Function<String, Optional<String>> kvLookup) {
        return new EvaluationScope("trigger", payload, new KeyValueLookup(kvLookup));
    }

    /** The scope of one item of a searched list, sharing the datastore reads. */
    EvaluationScope item(Object item) {
        return new EvaluationScope("item", item, kv);
    }

    Object payload() {
        return payload;
    }

    /** The document criteria keys are paths into: {@code {trigger: payload, system: datastore}}. */
    Map<String, Object> root() {
        if (root == null) {
            root = new HashMap<>(4);
            root.put(prefix, payload);
            root.put("system", kv);
        }
        return root;
    }

    /** The context pattern templates render with. */
    Map<String, Object> templateContext() {
        if (templateContext == null) {
            templateContext = new HashMap<>(4);
            templateContext.put(prefix, TemplateValues.view(payload));
            templateContext.put("system", kv);
            templateContext.put("st2kv", Map.of("system", kv));
        }
        return templateContext;
    }
}
