package dev.reflex.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Sensu definition Reflex loaded: checks, handlers, filters, mutators, the local client (for
 * an agent) and the {@code sensu} section's keepalive defaults and spawn limit.
 *
 * @param checks     check definitions by name
 * @param handlers   handler definitions by name (without the built-in default)
 * @param filters    filter definitions by name
 * @param mutators   mutator definitions by name
 * @param client     the {@code client} section, for an agent
 * @param keepalives the {@code sensu.keepalives} defaults (thresholds 120/180 unless overridden)
 * @param spawnLimit how many pipe handlers and mutators may run at once ({@code sensu.spawn.limit}, 12)
 * @param document   the merged settings document as loaded
 */
public record SensuSettings(
        Map<String, CheckDefinition> checks,
        Map<String, HandlerDefinition> handlers,
        Map<String, FilterDefinition> filters,
        Map<String, MutatorDefinition> mutators,
        Optional<ClientDefinition> client,
        Map<String, Object> keepalives,
        int spawnLimit,
        Map<String, Object> document) {

    /** The name of the handler used when a check names none. */
    public static final String DEFAULT_HANDLER = "default";

    public SensuSettings {
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        mutators = Collections.unmodifiableMap(new LinkedHashMap<>(mutators));
        keepalives = Collections.unmodifiableMap(new LinkedHashMap<>(keepalives));
        document = Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    /** Settings with no definitions and Sensu's defaults. */
    public static SensuSettings empty() {
        return SettingsParser.parse(Map.of(), "<empty>").value();
    }

    /** Settings holding only the given definitions (handy in tests and for programmatic wiring). */
    public static SensuSettings of(List<CheckDefinition> checks, List<HandlerDefinition> handlers,
            List<FilterDefinition> filters, List<MutatorDefinition> mutators) {
        SensuSettings base = empty();
        Map<String, CheckDefinition> c = new LinkedHashMap<>();
        checks.forEach(d -> c.put(d.name(), d));
        Map<String, HandlerDefinition> h = new LinkedHashMap<>();
        handlers.forEach(d -> h.put(d.name(), d));
        Map<String, FilterDefinition> f = new LinkedHashMap<>();
        filters.forEach(d -> f.put(d.name(), d));
        Map<String, MutatorDefinition> m = new LinkedHashMap<>();
        mutators.forEach(d -> m.put(d.name(), d));
        return new SensuSettings(c, h, f, m, Optional.empty(), base.keepalives(), base.spawnLimit(), base.document());
    }

    /** The check definition with this name. */
    public Optional<CheckDefinition> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    /**
     * The handler with this name. When not configured, {@code default} falls back to
     * {@code {"type": "reflex"}} and {@code debug} to the built-in handler that logs events.
     */
    public Optional<HandlerDefinition> handler(String name) {
        HandlerDefinition h = handlers.get(name);
        if (h == null && DEFAULT_HANDLER.equals(name)) {
            return Optional.of(HandlerDefinition.defaultReflex());
        }
        if (h == null && "debug".equals(name)) {
            return Optional.of(HandlerDefinition.builtinDebug());
        }
        return Optional.ofNullable(h);
    }

    /** True when a handler with this name is configured (the built-in default does not count). */
    public boolean handlerConfigured(String name) {
        return handlers.containsKey(name);
    }

    /** The filter definition with this name. */
    public Optional<FilterDefinition> filter(String name) {
        return Optional.ofNullable(filters.get(name));
    }

    /** The mutator definition with this name. */
    public Optional<MutatorDefinition> mutator(String name) {
        return Optional.ofNullable(mutators.get(name));
    }

    /** A copy with {@code checks} replaced. */
    public SensuSettings withChecks(List<CheckDefinition> replacement) {
        Map<String, CheckDefinition> c = new LinkedHashMap<>();
        replacement.forEach(d -> c.put(d.name(), d));
        return new SensuSettings(c, handlers, filters, mutators, client, keepalives, spawnLimit, document);
    }
}
