package dev.reflex.rules;

import dev.reflex.template.PyJson;
import dev.reflex.template.StackStormFilters;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateException;
import dev.reflex.template.TemplateValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a rule's action parameters as StackStorm does before casting them.
 *
 * <p>A string containing {@code {{} or {@code {%} is rendered to a string; other values keep their
 * type. A parameter may use another one ({@code b: "{{ a }}-x"}); they are rendered in dependency
 * order and a cycle is an error. In lists and maps each string is rendered on its own, and a
 * string that is exactly {@code {{name}}} keeps the type of {@code name}'s value. (StackStorm
 * renders the JSON text of the whole structure instead, which breaks when a value contains a
 * quote; Reflex does not.) A value rendered to {@code use_none}'s marker becomes null.
 */
final class ParameterRenderer {

    /** StackStorm's typed reference inside a structure: {@code "{{name}}"}, no spaces. */
    private static final Pattern TYPED_REFERENCE = Pattern.compile("\\{\\{([A-z0-9_-]+)}}");
    private static final Pattern UNDEFINED_ROOT = Pattern.compile("^'([A-Za-z_][A-Za-z0-9_]*)");

    private final TemplateEngine templates;

    ParameterRenderer(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * The rendered parameters, in their original order.
     *
     * @param context what templates see besides the other parameters: {@code trigger}, {@code st2kv}…
     * @throws IllegalArgumentException naming the parameter that cannot be rendered, as StackStorm words it
     */
    Map<String, Object> render(Map<String, Object> parameters, Map<String, Object> context) {
        return render(parameters, context, name -> false);
    }

    /**
     * As {@link #render(Map, Map)}; the top-level string parameters {@code shellCommand} names are
     * rendered as shell commands ({@link TemplateEngine#renderShellCommand}).
     */
    Map<String, Object> render(Map<String, Object> parameters, Map<String, Object> context,
                               java.util.function.Predicate<String> shellCommand) {
        Map<String, Object> scope = new HashMap<>(context);
        Map<String, Object> done = new HashMap<>();
        List<String> pending = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (hasMarkup(value)) {
                pending.add(name);
            } else {
                done.put(name, value);
                scope.put(name, TemplateValues.view(value));
            }
        });
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String name : List.copyOf(pending)) {
                try {
                    Object raw = parameters.get(name);
                    Object value = raw instanceof String s && shellCommand.test(name)
                            ? noneMarker(templates.renderShellCommand(s, scope)) : renderValue(raw, scope);
                    done.put(name, value);
                    scope.put(name, TemplateValues.view(value));
                    pending.remove(name);
                    progress = true;
                } catch (TemplateException e) {
                    String root = undefinedRoot(e);
                    if (root == null || !pending.contains(root)) {
                        throw new IllegalArgumentException("Failed to render parameter \"" + name + "\": "
                                + String.join("; ", e.problems()), e);
                    }
                }
            }
            if (!progress) {
                throw new IllegalArgumentException("Cyclic dependency found in the following variables: "
                        + String.join(", ", pending.stream().sorted().toList())
                        + ". Likely the variable is referencing itself");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.keySet().forEach(name -> out.put(name, done.get(name)));
        return out;
    }

    private Object renderValue(Object value, Map<String, Object> scope) {
        return switch (value) {
            case String s -> noneMarker(templates.render(s, scope));
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    out.put(hasMarkup(key) ? templates.render(key, scope) : key, renderNested(e.getValue(), scope));
                }
                yield out;
            }
            case List<?> list -> list.stream().map(v -> renderNested(v, scope)).toList();
            case null, default -> value;
        };
    }

    private Object renderNested(Object value, Map<String, Object> scope) {
        if (value instanceof String s && hasMarkup(s)) {
            Matcher typed = TYPED_REFERENCE.matcher(s);
            if (typed.matches()) {
                return PyJson.loads(templates.render("{{" + typed.group(1) + " | to_complex}}", scope));
            }
            return noneMarker(templates.render(s, scope));
        }
        return value instanceof Map || value instanceof List ? renderValue(value, scope) : value;
    }

    private static Object noneMarker(String rendered) {
        return StackStormFilters.NONE_MAGIC_VALUE.equals(rendered) ? null : rendered;
    }

    private static String undefinedRoot(TemplateException e) {
        for (String problem : e.problems()) {
            if (problem.endsWith(" is undefined")) {
                Matcher m = UNDEFINED_ROOT.matcher(problem);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** StackStorm's {@code is_jinja_expression}, applied to every string of a structure. */
    static boolean hasMarkup(Object value) {
        return switch (value) {
            case String s -> s.contains("{{") || s.contains("{%");
            case Map<?, ?> map -> map.entrySet().stream().anyMatch(e -> hasMarkup(String.valueOf(e.getKey())) || hasMarkup(e.getValue()));
            case List<?> list -> list.stream().anyMatch(ParameterRenderer::hasMarkup);
            case null, default -> false;
        };
    }
}
