package dev.reflex.workflows.chain;

import dev.reflex.rules.ParameterCaster;
import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import dev.reflex.template.TemplateValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the templates of a chain see, and how its values are rendered, as StackStorm's chain runner
 * does: a templated string becomes a string ({@code "{{ 1 + 2 }} + 3"} gives {@code "3 + 3"}),
 * values without markup keep their YAML type, maps and lists are rendered item by item. The callee
 * then casts the strings to its parameter types when the task is requested.
 *
 * <p>Two Reflex differences: the {@code cmd} of a shell runner is rendered with its values quoted for
 * the shell (as everywhere in Reflex), and a task parameter whose template is one expression that
 * gives None (an optional chain parameter left unset) is left out, so the callee's default applies.
 */
public final class ChainRendering {

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("^\\s*\\{\\{[^{}]*}}\\s*$");

    private final TemplateEngine templates;
    private final Function<String, Optional<String>> keyValues;
    private final ParameterCaster shellCommands;

    /**
     * Renders with {@code templates}; {@code keyValues} answers {@code st2kv.system} lookups and
     * {@code shellCommands} says which parameters are shell commands.
     */
    public ChainRendering(TemplateEngine templates, Function<String, Optional<String>> keyValues,
                          ParameterCaster shellCommands) {
        this.templates = templates;
        this.keyValues = keyValues;
        this.shellCommands = shellCommands;
    }

    /**
     * The context of a task's parameters and of {@code publish}, later entries winning: the chain's
     * parameters, each earlier task's result under its name, {@code vars} and published values,
     * {@code __results}, {@code st2kv}, {@code action_context}, {@code config_context}.
     */
    public Map<String, Object> context(Map<String, Object> parameters, Map<String, Object> results,
                                       Map<String, Object> variables, Map<String, Object> actionContext) {
        Map<String, Object> ctx = new HashMap<>();
        parameters.forEach((k, v) -> ctx.put(k, TemplateValues.view(v)));
        results.forEach((k, v) -> ctx.put(k, TemplateValues.view(v)));
        variables.forEach((k, v) -> ctx.put(k, TemplateValues.view(v)));
        ctx.put("__results", TemplateValues.view(results));
        ctx.put("st2kv", Map.of("system", new KeyValueLookup(keyValues)));
        ctx.put("action_context", TemplateValues.view(actionContext));
        ctx.put("config_context", Map.of());
        return ctx;
    }

    /**
     * Renders a task's parameters for the action {@code calleeRef}.
     *
     * @throws RenderingFailed naming the parameter that did not render
     */
    public Map<String, Object> parameters(Map<String, Object> values, Map<String, Object> context, String calleeRef) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            try {
                Object rendered = value(v, context, shellCommands.isShellCommand(calleeRef, e.getKey()));
                if (v instanceof String s && SINGLE_EXPRESSION.matcher(s).matches() && "None".equals(rendered)) {
                    continue;
                }
                out.put(e.getKey(), rendered);
            } catch (TemplateException ex) {
                throw new RenderingFailed("parameter \"" + e.getKey() + "\"", ex);
            }
        }
        return out;
    }

    /**
     * Renders variables ({@code vars} when the chain starts, {@code publish} after a task), each seeing
     * the context only (not each other).
     *
     * @throws RenderingFailed naming the variable that did not render
     */
    public Map<String, Object> variables(Map<String, Object> values, Map<String, Object> context) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            try {
                out.put(e.getKey(), value(e.getValue(), context, false));
            } catch (TemplateException ex) {
                throw new RenderingFailed("variable \"" + e.getKey() + "\"", ex);
            }
        }
        return out;
    }

    private Object value(Object value, Map<String, Object> context, boolean shellCommand) {
        return switch (value) {
            case String s when !Template.hasMarkup(s) -> s;
            case String s when shellCommand -> templates.renderShellCommand(s, context);
            case String s -> templates.render(s, context);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), value(v, context, false)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(value(v, context, false)));
                yield out;
            }
            case null, default -> value;
        };
    }

    /** A template of the chain that did not render: a runtime error of the chain. */
    public static final class RenderingFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RenderingFailed(String what, TemplateException cause) {
            super("Failed to render " + what + ": " + String.join("; ", cause.problems()), cause);
        }
    }
}
