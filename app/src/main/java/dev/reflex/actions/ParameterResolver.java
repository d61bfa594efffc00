package dev.reflex.actions;

import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import dev.reflex.template.TemplateValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the parameters given for an execution into the values a runner gets, as StackStorm's
 * {@code render_live_params} and {@code render_final_params} do: runner and action declarations are
 * merged (the action's attributes win), unknown names and overrides of immutable parameters are
 * refused, missing values take their defaults, Jinja in values and defaults is rendered in dependency
 * order (a default may use other parameters, {@code st2kv}, {@code action_context},
 * {@code config_context}), then every value is cast and validated. All problems are reported at once.
 *
 * <p>The shell command of a shell runner ({@code cmd}) is rendered with
 * {@link TemplateEngine#renderShellCommand}, so rendered values are quoted: Reflex's one deliberate
 * difference here.
 */
public final class ParameterResolver {

    private static final Set<String> SHELL_COMMAND_RUNNERS = Set.of("local-shell-cmd", "remote-shell-cmd");
    private static final Pattern UNDEFINED = Pattern.compile("^'([A-Za-z_][A-Za-z0-9_]*)");

    private final TemplateEngine templates;

    /** A resolver rendering with {@code templates}. */
    public ParameterResolver(TemplateEngine templates) {
        this.templates = templates;
    }

    /** Whether a parameter of an action run by {@code runnerType} is a shell command. */
    public static boolean isShellCommand(String runnerType, String parameter) {
        return "cmd".equals(parameter) && SHELL_COMMAND_RUNNERS.contains(runnerType);
    }

    /**
     * The merged declarations: the runner's parameters (with the action's overrides) in runner order,
     * then the action's own ones in file order.
     */
    public static Map<String, ParameterSchema> schemas(Action action, List<ParameterSpec> runnerParameters) {
        Map<String, ParameterSchema> out = new LinkedHashMap<>();
        for (ParameterSpec r : runnerParameters) {
            ParameterSchema base = ParameterSchema.of(r);
            out.put(r.name(), action.parameter(r.name()).map(base::overriddenBy).orElse(base));
        }
        for (ParameterSchema a : action.parameters()) {
            out.putIfAbsent(a.name(), a);
        }
        return out;
    }

    /**
     * Resolves the parameters of one execution.
     *
     * @param action           the action
     * @param runnerParameters the runner's declarations; null when the runner is not available, in which
     *                         case only the action's declarations are known and unknown names are let through
     * @param given            the values given by the caller
     * @param context          what templates see besides the parameters: {@code action_context}, {@code st2kv}…
     * @param renderGiven      whether given strings are templates too (true for API requests; false for
     *                         values a rule already rendered, which are never rendered twice)
     * @throws ParameterException listing every problem
     */
    public ResolvedParameters resolve(Action action, List<ParameterSpec> runnerParameters, Map<String, Object> given,
                                      Map<String, Object> context, boolean renderGiven) {
        boolean runnerKnown = runnerParameters != null;
        Map<String, ParameterSchema> schemas = schemas(action, runnerKnown ? runnerParameters : List.of());
        List<String> problems = new ArrayList<>();
        List<String> immutables = new ArrayList<>();
        for (String name : given.keySet()) {
            ParameterSchema s = schemas.get(name);
            if (s == null) {
                if (runnerKnown) {
                    problems.add("Additional properties are not allowed ('" + name + "' was unexpected)");
                }
            } else if (s.spec().immutable()) {
                immutables.add("'" + name + "'");
            }
        }
        if (!immutables.isEmpty()) {
            problems.add("Override of immutable parameter(s) [" + String.join(", ", immutables) + "] is unsupported.");
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        Set<String> templated = new LinkedHashSet<>();
        Set<String> live = new LinkedHashSet<>();
        for (ParameterSchema s : schemas.values()) {
            Object value = given.get(s.name());
            if (value != null) {
                raw.put(s.name(), value);
                live.add(s.name());
                if (renderGiven && hasMarkup(value)) {
                    templated.add(s.name());
                }
            } else if (s.defaultValue().isPresent()) {
                Object def = s.defaultValue().get();
                raw.put(s.name(), def);
                if (hasMarkup(def)) {
                    templated.add(s.name());
                    live.add(s.name());
                }
            } else if (given.containsKey(s.name())) {
                raw.put(s.name(), null);
                live.add(s.name());
            }
        }
        given.forEach((k, v) -> {
            if (!schemas.containsKey(k)) {
                raw.put(k, v);
                live.add(k);
            }
        });
        Map<String, Object> rendered = render(action.runnerType(), raw, templated, context);
        Map<String, Object> cast = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rendered.entrySet()) {
            ParameterSchema s = schemas.get(e.getKey());
            if (s == null) {
                cast.put(e.getKey(), e.getValue());
                continue;
            }
            try {
                Object v = ParameterCasts.cast(s, e.getValue());
                cast.put(e.getKey(), v);
                problems.addAll(ParameterValidation.problems(s, v));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        for (ParameterSchema s : schemas.values()) {
            if (s.spec().required() && !cast.containsKey(s.name())) {
                problems.add("'" + s.name() + "' is a required property");
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        Set<String> runnerNames = new LinkedHashSet<>();
        if (runnerKnown) {
            runnerParameters.forEach(p -> runnerNames.add(p.name()));
        }
        Map<String, Object> runnerValues = new LinkedHashMap<>();
        Map<String, Object> actionValues = new LinkedHashMap<>();
        List<ParameterSchema> actionSchemas = new ArrayList<>();
        for (ParameterSchema s : schemas.values()) {
            if (runnerNames.contains(s.name())) {
                if (cast.containsKey(s.name())) {
                    runnerValues.put(s.name(), cast.get(s.name()));
                }
            } else {
                actionValues.put(s.name(), cast.get(s.name()));
                actionSchemas.add(s);
            }
        }
        cast.forEach((k, v) -> {
            if (!schemas.containsKey(k)) {
                actionValues.put(k, v);
            }
        });
        Map<String, Object> liveValues = new LinkedHashMap<>();
        live.forEach(k -> liveValues.put(k, cast.get(k)));
        Set<String> secrets = new LinkedHashSet<>();
        schemas.values().stream().filter(ParameterSchema::secret).forEach(s -> secrets.add(s.name()));
        return new ResolvedParameters(liveValues, runnerValues, actionValues, actionSchemas, secrets);
    }

    private Map<String, Object> render(String runnerType, Map<String, Object> raw, Set<String> templated,
                                       Map<String, Object> context) {
        Map<String, Object> scope = new HashMap<>(context);
        Map<String, Object> done = new HashMap<>();
        raw.forEach((k, v) -> {
            if (!templated.contains(k)) {
                done.put(k, v);
                scope.put(k, TemplateValues.view(v));
            }
        });
        List<String> pending = new ArrayList<>(templated);
        List<String> problems = new ArrayList<>();
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String name : List.copyOf(pending)) {
                try {
                    Object v = renderValue(runnerType, name, raw.get(name), scope);
                    done.put(name, v);
                    scope.put(name, TemplateValues.view(v));
                    pending.remove(name);
                    progress = true;
                } catch (TemplateException e) {
                    String root = undefinedRoot(e);
                    if (root == null || !pending.contains(root)) {
                        problems.add("Failed to render parameter \"" + name + "\": " + String.join("; ", e.problems()));
                        pending.remove(name);
                        progress = true;
                    }
                }
            }
            if (!progress) {
                problems.add("Cyclic dependency found in the following variables: "
                        + String.join(", ", pending.stream().sorted().toList())
                        + ". Likely the variable is referencing itself");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        raw.keySet().forEach(k -> out.put(k, done.get(k)));
        return out;
    }

    private Object renderValue(String runnerType, String name, Object value, Map<String, Object> scope) {
        return switch (value) {
            case String s when isShellCommand(runnerType, name) -> templates.renderShellCommand(s, scope);
            case String s -> Template.hasMarkup(s) ? templates.render(s, scope) : s;
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), renderValue(runnerType, "", v, scope)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(renderValue(runnerType, "", v, scope)));
                yield out;
            }
            case null, default -> value;
        };
    }

    private static boolean hasMarkup(Object value) {
        return switch (value) {
            case String s -> Template.hasMarkup(s);
            case Map<?, ?> m -> m.values().stream().anyMatch(ParameterResolver::hasMarkup);
            case List<?> l -> l.stream().anyMatch(ParameterResolver::hasMarkup);
            case null, default -> false;
        };
    }

    private static String undefinedRoot(TemplateException e) {
        for (String problem : e.problems()) {
            if (problem.endsWith(" is undefined")) {
                Matcher m = UNDEFINED.matcher(problem);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
