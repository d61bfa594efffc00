package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.actions.ParameterCasts;
import dev.reflex.actions.ParameterException;
import dev.reflex.actions.ParameterResolver;
import dev.reflex.actions.ParameterSchema;
import dev.reflex.rules.ParameterCaster;
import dev.reflex.runners.Runners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules engine's {@link ParameterCaster}: casts a rule's rendered parameters to the types the
 * action (and its runner) declare, as StackStorm casts them, and tells the renderer which parameter
 * is a shell command so that trigger values rendered into it are quoted. Parameters of an unknown
 * action are left as rendered (the request then fails with "cannot be found").
 */
public final class ActionCaster implements ParameterCaster {

    private final ActionRegistry actions;
    private final Runners runners;

    /** A caster over the registered actions and runners. */
    public ActionCaster(ActionRegistry actions, Runners runners) {
        this.actions = actions;
        this.runners = runners;
    }

    @Override
    public Map<String, Object> cast(String actionRef, Map<String, Object> parameters) {
        Optional<Action> action = actions.find(actionRef);
        if (action.isEmpty()) {
            return parameters;
        }
        Map<String, ParameterSchema> schemas = ParameterResolver.schemas(action.get(),
                runners.find(action.get().runnerType()).map(r -> r.type().parameters()).orElse(List.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        parameters.forEach((name, value) -> {
            ParameterSchema s = schemas.get(name);
            try {
                out.put(name, s == null ? value : ParameterCasts.cast(s, value));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        return out;
    }

    @Override
    public boolean isShellCommand(String actionRef, String parameter) {
        return actions.find(actionRef).map(a -> ParameterResolver.isShellCommand(a.runnerType(), parameter)).orElse(false);
    }
}
