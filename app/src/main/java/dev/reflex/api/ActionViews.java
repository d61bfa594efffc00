package dev.reflex.api;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterSchema;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.executions.Policy;
import dev.reflex.runners.RunnerType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Actions, runner types and policies as StackStorm's API shapes them. */
final class ActionViews {

    private ActionViews() {
    }

    static Map<String, Object> action(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.uid());
        m.put("uid", a.uid());
        m.put("ref", a.ref());
        m.put("pack", a.pack());
        m.put("name", a.name());
        m.put("description", a.description());
        m.put("enabled", a.enabled());
        m.put("entry_point", a.entryPoint());
        m.put("runner_type", a.runnerType());
        Map<String, Object> params = new LinkedHashMap<>();
        for (ParameterSchema p : a.parameters()) {
            params.put(p.name(), declaration(p));
        }
        m.put("parameters", params);
        m.put("output_schema", a.outputSchema());
        m.put("tags", a.tags());
        m.put("notify", a.notifications());
        m.put("metadata_file", a.metadataFile());
        return m;
    }

    /** A parameter's declaration, its default masked when the parameter is secret. */
    static Map<String, Object> declaration(ParameterSchema p) {
        Map<String, Object> d = new LinkedHashMap<>(p.declaration());
        if (p.secret() && d.get("default") != null) {
            d.put("default", ResolvedParameters.MASK);
        }
        return d;
    }

    static Map<String, Object> runner(RunnerType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "runner_type:" + t.name());
        m.put("uid", "runner_type:" + t.name());
        m.put("name", t.name());
        m.put("description", t.description());
        m.put("enabled", true);
        Map<String, Object> params = new LinkedHashMap<>();
        t.parameters().forEach(p -> params.put(p.name(), declaration(ParameterSchema.of(p))));
        m.put("runner_parameters", params);
        m.put("output_key", t.outputKey().orElse(null));
        return m;
    }

    static Map<String, Object> policy(Policy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "policy:" + p.pack() + ":" + p.name());
        m.put("uid", "policy:" + p.pack() + ":" + p.name());
        m.put("ref", p.ref());
        m.put("pack", p.pack());
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("enabled", p.enabled());
        m.put("resource_ref", p.resourceRef());
        m.put("policy_type", p.rule().type());
        Map<String, Object> params = new LinkedHashMap<>();
        switch (p.rule()) {
            case Policy.Concurrency c -> {
                params.put("threshold", c.threshold());
                params.put("action", c.overLimit().name().toLowerCase(java.util.Locale.ROOT));
                if (!c.attributes().isEmpty()) {
                    params.put("attributes", c.attributes());
                }
            }
            case Policy.Retry r -> {
                params.put("retry_on", r.retryOn().name().toLowerCase(java.util.Locale.ROOT));
                params.put("max_retry_count", r.maxRetryCount());
                params.put("delay", r.delay().toMillis() / 1000.0);
            }
        }
        m.put("parameters", params);
        return m;
    }
}
