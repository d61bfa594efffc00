package dev.reflex.events;

import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which handlers an event goes to: the check's {@code handlers}, else its {@code handler}, else
 * {@code default}. Names are looked up in the settings ({@code default} falls back to a
 * {@code reflex} handler); unknown names are logged and skipped; sets are expanded two levels deep
 * (a set may contain sets, whose sets are rejected as too deeply nested); duplicates are removed,
 * keeping the first.
 */
public final class HandlerResolver {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerResolver.class);

    private HandlerResolver() {
    }

    /** The handler names an event's check asks for, as Sensu reads them. */
    public static List<String> requested(Map<String, Object> check) {
        Object raw = check.get("handlers");
        if (!JsonValues.truthy(raw)) {
            raw = check.get("handler");
        }
        if (!JsonValues.truthy(raw)) {
            raw = SensuSettings.DEFAULT_HANDLER;
        }
        List<String> names = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    names.add(String.valueOf(o));
                }
            }
        } else {
            names.add(String.valueOf(raw));
        }
        return names;
    }

    /** The handlers for an event's check, sets expanded. */
    public static List<HandlerDefinition> resolve(Map<String, Object> check, SensuSettings settings) {
        Map<String, HandlerDefinition> out = new LinkedHashMap<>();
        derive(requested(check), 0, settings, out);
        return List.copyOf(out.values());
    }

    private static void derive(List<String> names, int depth, SensuSettings settings, Map<String, HandlerDefinition> out) {
        for (String name : names) {
            Optional<HandlerDefinition> handler = settings.handler(name);
            if (handler.isEmpty()) {
                LOG.error("unknown handler {}", name);
                continue;
            }
            if (handler.get().kind() instanceof HandlerDefinition.Set set) {
                if (depth < 2) {
                    derive(set.handlers(), depth + 1, settings, out);
                } else {
                    LOG.error("handler sets cannot be nested this deeply: {}", name);
                }
            } else {
                out.putIfAbsent(name, handler.get());
            }
        }
    }
}
