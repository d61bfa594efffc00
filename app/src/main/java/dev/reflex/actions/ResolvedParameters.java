package dev.reflex.actions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's parameters after rendering, casting and validation, split as StackStorm splits
 * them.
 *
 * @param live          the values given (rendered and cast) plus defaults that were templates, as the
 *                      execution record shows them
 * @param runner        the values of the runner's parameters (the action's overrides included)
 * @param action        the values of the action's own parameters, in declaration order
 * @param actionSchemas the declarations of the action's own parameters, in the same order
 * @param secrets       the names of the secret parameters
 */
public record ResolvedParameters(Map<String, Object> live, Map<String, Object> runner, Map<String, Object> action,
                                 List<ParameterSchema> actionSchemas, Set<String> secrets) {

    /** The mask StackStorm shows instead of a secret value. */
    public static final String MASK = "********";

    public ResolvedParameters {
        live = Collections.unmodifiableMap(new LinkedHashMap<>(live));
        runner = Collections.unmodifiableMap(new LinkedHashMap<>(runner));
        action = Collections.unmodifiableMap(new LinkedHashMap<>(action));
        actionSchemas = List.copyOf(actionSchemas);
        secrets = Set.copyOf(secrets);
    }

    /** Every value, runner and action parameters together. */
    public Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>(runner);
        all.putAll(action);
        return all;
    }

    /** The live values with every secret one masked. */
    public Map<String, Object> maskedLive() {
        return mask(live, secrets);
    }

    /** A copy of {@code values} in which each value named in {@code secretNames} is masked. */
    public static Map<String, Object> mask(Map<String, Object> values, Set<String> secretNames) {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.replaceAll((k, v) -> secretNames.contains(k) && v != null ? MASK : v);
        return out;
    }

    /** Names the parameters without showing their values. */
    @Override
    public String toString() {
        return "ResolvedParameters[runner=" + runner.keySet() + ", action=" + action.keySet() + "]";
    }
}
