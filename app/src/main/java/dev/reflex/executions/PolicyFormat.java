package dev.reflex.executions;

import dev.reflex.config.Format;
import dev.reflex.config.ObjectReader;
import dev.reflex.config.Value;
import java.time.Duration;
import java.util.List;

/**
 * Reads policies in StackStorm's format ({@code name pack description enabled resource_ref
 * policy_type parameters}), checking each type's parameters: {@code action.concurrency}
 * {@code {threshold, action: delay|cancel}}, {@code action.concurrency.attr} (plus
 * {@code attributes}), {@code action.retry} {@code {retry_on: failure|timeout, max_retry_count 0–5
 * (2), delay 0–120 s}}.
 */
public final class PolicyFormat {

    private PolicyFormat() {
    }

    /** The format of one policy file of pack {@code pack} (null for an API body, which must name it). */
    public static Format<Policy> of(String pack) {
        return Format.object(o -> read(o, pack));
    }

    private static Policy read(ObjectReader o, String pack) {
        String name = o.required("name").string();
        String declaredPack = o.optional("pack").string();
        String description = o.optional("description").string("");
        boolean enabled = o.optional("enabled").bool(true);
        String resource = o.required("resource_ref").string();
        String type = o.required("policy_type").oneOf(null, "action.concurrency", "action.concurrency.attr",
                "action.retry");
        o.known("ref", "uid", "id", "metadata_file");
        Value params = o.optional("parameters");
        String effectivePack = pack != null ? pack : declaredPack;
        if (effectivePack == null || effectivePack.isBlank()) {
            o.error("missing required field 'pack'");
            return null;
        }
        if (name == null || resource == null || type == null) {
            return null;
        }
        Policy.Rule rule = params.object(p -> switch (type) {
            case "action.retry" -> new Policy.Retry(
                    Policy.RetryOn.valueOf(p.required("retry_on").oneOf("failure", "failure", "timeout").toUpperCase()),
                    p.optional("max_retry_count").intValue(2, 0, 5),
                    Duration.ofMillis((long) (p.optional("delay").doubleValue(0) * 1000)));
            default -> {
                int threshold = p.required("threshold").intValue(1, 0, 1_000_000);
                Policy.OverLimit action = Policy.OverLimit.valueOf(
                        p.optional("action").oneOf("delay", "delay", "cancel").toUpperCase());
                List<String> attributes = type.equals("action.concurrency.attr")
                        ? p.required("attributes").stringList() : List.of();
                if (type.equals("action.concurrency.attr") && attributes.isEmpty()) {
                    p.error("'attributes' must name at least one parameter");
                }
                yield new Policy.Concurrency(threshold, action, attributes);
            }
        });
        if (rule == null) {
            if (!params.isPresent()) {
                params.error("missing required field 'parameters'");
            }
            return null;
        }
        return new Policy(effectivePack, name, description, enabled, resource, rule);
    }
}
