package dev.reflex.runners.shell;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds a script's argument string from an action's parameters exactly as StackStorm's shell
 * runners do. First the named arguments, one per parameter without a {@code position}, in the
 * order the parameters are given: {@code <kwarg_op><name>=<value>} with name and value quoted and the
 * value formatted by Python's {@code str()}; a {@code true} boolean becomes the bare flag
 * {@code --name}; {@code false}, null and empty strings are left out. Then the positional
 * arguments, ordered by {@code position}, each one quoted and serialized by its declared type:
 * strings and numbers as text (null as empty), booleans as {@code 1}/{@code 0}, arrays as
 * comma-joined items, objects as compact JSON, anything else by {@code str()} when truthy and
 * empty otherwise (so an untyped or integer {@code 0} becomes an empty argument, as in StackStorm).
 */
public final class ScriptArguments {

    private ScriptArguments() {
    }

    /**
     * The argument string, possibly empty.
     *
     * @param parameters the action parameter values, in argument order
     * @param specs      the action parameter declarations (only positions and types are used)
     * @param kwargOp    the prefix of named arguments, {@code --} by default
     */
    public static String build(Map<String, Object> parameters, Collection<ParameterSpec> specs, String kwargOp) {
        TreeMap<Integer, ParameterSpec> positional = new TreeMap<>();
        for (ParameterSpec spec : specs) {
            spec.position().ifPresent(p -> positional.put(p, spec));
        }
        Set<String> positionalNames = new HashSet<>();
        positional.values().forEach(s -> positionalNames.add(s.name()));

        List<String> parts = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (positionalNames.contains(name) || value == null || (value instanceof String s && s.isEmpty())) {
                return;
            }
            String key = kwargOp + name;
            if (value instanceof Boolean b) {
                if (b) {
                    parts.add(key);
                }
            } else {
                parts.add(ShellQuote.quote(key) + "=" + ShellQuote.quote(PythonStr.str(value)));
            }
        });
        if (!positional.isEmpty()) {
            parts.add(positional.values().stream()
                    .map(spec -> ShellQuote.quote(serializePositional(spec.type(), parameters.get(spec.name()))))
                    .collect(Collectors.joining(" ")));
        }
        return String.join(" ", parts);
    }

    /** One positional argument's text, before quoting, per StackStorm's rules for its declared type. */
    public static String serializePositional(ParameterType type, Object value) {
        return switch (type) {
            case STRING, NUMBER -> value == null ? "" : PythonStr.str(value);
            case BOOLEAN -> value == null ? "" : truthy(value) ? "1" : "0";
            case ARRAY -> truthy(value) ? joinItems(value) : "";
            case OBJECT -> truthy(value) ? Json.write(value) : "";
            case NULL -> "";
            case INTEGER, UNSPECIFIED -> truthy(value) ? PythonStr.str(value) : "";
        };
    }

    private static String joinItems(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().map(PythonStr::str).collect(Collectors.joining(","));
        }
        return PythonStr.str(value);
    }

    /** Python truthiness: None, False, 0, empty strings and empty containers are false. */
    static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }
}
