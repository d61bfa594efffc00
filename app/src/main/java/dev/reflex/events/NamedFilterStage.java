package dev.reflex.events;

import dev.reflex.checks.FilterDefinition;
import dev.reflex.checks.HandlerDefinition;
import dev.reflex.checks.SensuSettings;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler's own filters ({@code filters}, else {@code filter}), in order: a settings filter of
 * that name first, else a built-in one ({@code occurrences}, {@code check_dependencies}); a name
 * that is neither is logged and does not filter.
 *
 * <p>A settings filter outside its {@code when} windows does not filter. Otherwise the event is
 * dropped when it does not match the attributes, or, with {@code negate: true}, when it does.
 */
public final class NamedFilterStage implements FilterStage {

    private static final Logger LOG = LoggerFactory.getLogger(NamedFilterStage.class);

    private final Supplier<SensuSettings> settings;
    private final AttributeMatcher matcher;
    private final Map<String, BuiltinFilter> builtins;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param builtins the built-in filters by name (see {@link #sensuBuiltins})
     * @param zone     the local zone for {@code when} windows
     */
    public NamedFilterStage(Supplier<SensuSettings> settings, Map<String, BuiltinFilter> builtins, Clock clock,
            ZoneId zone) {
        this.settings = settings;
        this.matcher = new AttributeMatcher(clock, zone);
        this.builtins = Map.copyOf(builtins);
        this.clock = clock;
        this.zone = zone;
    }

    /** Sensu's built-in filters: {@code occurrences} and {@code check_dependencies}. */
    public static Map<String, BuiltinFilter> sensuBuiltins(EventState state) {
        return Map.of(OccurrencesFilter.NAME, new OccurrencesFilter(),
                DependenciesFilter.NAME, new DependenciesFilter(state));
    }

    @Override
    public Verdict evaluate(HandlerDefinition handler, Event event, Map<String, Object> json) {
        if (handler.filters().isEmpty()) {
            return PASS;
        }
        SensuSettings s = settings.get();
        for (String name : handler.filters()) {
            Optional<FilterDefinition> definition = s.filter(name);
            boolean filtered;
            if (definition.isPresent()) {
                filtered = filteredBy(definition.get(), json);
            } else if (builtins.containsKey(name)) {
                filtered = builtins.get(name).filtered(event, json);
            } else {
                LOG.error("unknown filter {} named by handler {}", name, handler.name());
                filtered = false;
            }
            if (filtered) {
                return new Drop("filter:" + name, "the event was filtered by " + name);
            }
        }
        return PASS;
    }

    /** True when a settings filter drops the event (given as its Sensu JSON). */
    public boolean filteredBy(FilterDefinition filter, Map<String, Object> json) {
        if (filter.when() != null && !filter.when().isActive(clock.instant(), zone)) {
            return false;
        }
        boolean matched = matcher.matches(json, filter.attributes());
        return filter.negate() ? matched : !matched;
    }
}
