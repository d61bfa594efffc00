package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterResolver;
import dev.reflex.actions.ParameterSchema;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.template.Template;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The resolved parameters of executions requested with no parameter values, kept per action: when
 * nothing is given and no default is a template, resolution depends on the action and its runner's
 * declarations only (no context, no datastore), so it is done once per action rather than for every
 * request. An entry is used only for the very {@link Action} and declaration list it was made from,
 * so a reloaded action (a new object) is resolved afresh; a resolution that fails is not kept.
 */
final class DefaultParameters {

    /** What one action resolved to, and the objects it was resolved from. */
    private record Entry(Action action, List<ParameterSpec> runnerParameters, ResolvedParameters resolved) {
    }

    private final Map<String, Entry> byRef = new ConcurrentHashMap<>();

    /**
     * The parameters of an execution of {@code action} given no values: the kept resolution when it
     * is reusable, otherwise {@code resolve}'s (kept for the next request when no default is a template).
     */
    ResolvedParameters resolve(Action action, List<ParameterSpec> runnerParameters, Supplier<ResolvedParameters> resolve) {
        Entry e = byRef.get(action.ref());
        if (e != null && e.action == action && e.runnerParameters == runnerParameters) {
            return e.resolved;
        }
        ResolvedParameters resolved = resolve.get();
        if (constant(action, runnerParameters)) {
            byRef.put(action.ref(), new Entry(action, runnerParameters, resolved));
        }
        return resolved;
    }

    /** Whether no declared default holds template markup (so that nothing depends on the context). */
    private static boolean constant(Action action, List<ParameterSpec> runnerParameters) {
        for (ParameterSchema s : ParameterResolver.schemas(action, runnerParameters == null ? List.of() : runnerParameters)
                .values()) {
            if (s.defaultValue().isPresent() && hasMarkup(s.defaultValue().get())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasMarkup(Object value) {
        return switch (value) {
            case String s -> Template.hasMarkup(s);
            case Map<?, ?> m -> m.values().stream().anyMatch(DefaultParameters::hasMarkup);
            case List<?> l -> l.stream().anyMatch(DefaultParameters::hasMarkup);
            case null, default -> false;
        };
    }
}
