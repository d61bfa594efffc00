package dev.reflex.triggers.webhooks;

import dev.reflex.rules.Rule;
import dev.reflex.rules.service.RuleSetListener;
import dev.reflex.triggers.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook URLs in force: for each enabled rule on {@code core.st2.webhook}, its
 * {@code trigger.parameters.url} with leading and trailing slashes removed (as StackStorm
 * normalises them), mapped to the triggers registered under it. Rebuilt whole on every rule change
 * and swapped in atomically.
 */
public final class WebhookRegistry implements RuleSetListener {

    /** The trigger type of custom webhooks. */
    public static final String WEBHOOK_TYPE = "core.st2.webhook";

    private volatile Map<String, List<Trigger>> byUrl = Map.of();

    @Override
    public void rulesChanged(List<Rule> rules) {
        Map<String, Set<Trigger>> next = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (!r.enabled() || !WEBHOOK_TYPE.equals(r.trigger().type())) {
                continue;
            }
            Object url = r.trigger().parameters().get("url");
            if (url instanceof String s) {
                next.computeIfAbsent(normalize(s), k -> new LinkedHashSet<>())
                        .add(Trigger.of(r.trigger().type(), r.trigger().parameters()));
            }
        }
        Map<String, List<Trigger>> frozen = new LinkedHashMap<>();
        next.forEach((url, triggers) -> frozen.put(url, List.copyOf(new ArrayList<>(triggers))));
        byUrl = Map.copyOf(frozen);
    }

    /** The triggers registered under a hook (normalised first); empty when it is not registered. */
    public List<Trigger> triggers(String hook) {
        return byUrl.getOrDefault(normalize(hook), List.of());
    }

    /** Every registered hook and its triggers. */
    public Map<String, List<Trigger>> all() {
        return byUrl;
    }

    /** A URL without leading and trailing slashes. */
    public static String normalize(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) == '/') {
            start++;
        }
        while (end > start && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(start, end);
    }
}
