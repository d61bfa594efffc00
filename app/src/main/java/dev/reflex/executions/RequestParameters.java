package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterResolver;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateValues;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the context of a requested execution and resolves its parameters, both for a new request
 * ({@link ExecutionRequests}) and for an execution dispatched again after a restart
 * ({@link ExecutionRuns}), whose resolved parameters were not kept.
 */
final class RequestParameters {

    private final ParameterResolver resolver;
    private final ActionInvocation invocation;
    private final Function<String, Optional<String>> secrets;
    private final ExecutionSettings settings;
    private final DefaultParameters defaults = new DefaultParameters();

    RequestParameters(TemplateEngine templates, ActionInvocation invocation, Function<String, Optional<String>> secrets,
                      ExecutionSettings settings) {
        this.resolver = new ParameterResolver(templates);
        this.invocation = invocation;
        this.secrets = secrets;
        this.settings = settings;
    }

    /** The execution context: the one given, with the system user and the action's pack unless it names them. */
    Map<String, Object> context(Action action, Map<String, Object> given) {
        Map<String, Object> ctx = new LinkedHashMap<>(given);
        ctx.putIfAbsent("user", settings.systemUser());
        ctx.putIfAbsent("pack", action.pack());
        return ctx;
    }

    /**
     * The action's parameters resolved from the values given (rendered if {@code render}), the
     * action's defaults when none are given.
     *
     * @throws IllegalArgumentException (a {@link dev.reflex.actions.ParameterException}) when they are invalid
     */
    ResolvedParameters resolve(Action action, Map<String, Object> given, Map<String, Object> ctx, boolean render) {
        List<ParameterSpec> runnerParameters = invocation.runnerParameters(action.runnerType());
        if (given.isEmpty()) {
            return defaults.resolve(action, runnerParameters, () -> resolve(action, runnerParameters, given, ctx, render));
        }
        return resolve(action, runnerParameters, given, ctx, render);
    }

    private ResolvedParameters resolve(Action action, List<ParameterSpec> runnerParameters,
                                       Map<String, Object> given, Map<String, Object> ctx, boolean render) {
        Map<String, Object> templateContext = new HashMap<>();
        templateContext.put("action_context", TemplateValues.view(ctx));
        templateContext.put("st2kv", Map.of("system", new KeyValueLookup(secrets)));
        templateContext.put("config_context", Map.of());
        return resolver.resolve(action, runnerParameters, given, templateContext, render);
    }
}
