package dev.reflex.template;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shortcut for the most common template of all, a text that is one variable and nothing else:
 * {@code {{trigger.body.host}}} (rule and action parameters are mostly this). Rendering it through
 * Jinjava costs an interpreter, a context and an expression evaluation; looking the value up costs a
 * few map reads.
 *
 * <p>The shortcut answers only where the answer cannot differ from Jinjava's: every name along the
 * path is a key present in a map, no name is one that Python resolves as an attribute of a dict
 * before its keys ({@code items}, {@code keys}, {@code get} …) or starts with an underscore, and the
 * value found is a string (printed as it is) or an integer (printed in decimal). Anything else — a
 * missing key (strict mode makes it an error with Jinjava's own message), None, a boolean, a float,
 * a map or a list (printed as Python would), a value longer than the output limit — is left to
 * Jinjava ({@link #render} returns null).
 */
final class LoneVariable {

    private static final Pattern LONE = Pattern.compile(
            "\\{\\{ *([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*) *}}");
    /** Attributes of a Python dict, which Jinja finds before a key of the same name. */
    private static final Set<String> DICT_ATTRIBUTES = Set.of("clear", "copy", "fromkeys", "get", "items", "keys",
            "pop", "popitem", "setdefault", "update", "values");

    private LoneVariable() {
    }

    /** The names of the variable when {@code source} is exactly one {@code {{ a.b.c }}}, else null. */
    static String[] path(String source) {
        Matcher m = LONE.matcher(source);
        if (!m.matches()) {
            return null;
        }
        String[] names = m.group(1).split("\\.");
        for (String name : names) {
            if (name.startsWith("_") || DICT_ATTRIBUTES.contains(name)) {
                return null;
            }
        }
        return names;
    }

    /** The rendered text, or null when Jinjava must render it. */
    static String render(String[] path, Map<String, ?> context, long maxOutput) {
        Object value = context;
        for (String name : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(name);
            if (value == null) {
                return null;
            }
        }
        return switch (value) {
            case String s when s.length() <= maxOutput -> s;
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            default -> null;
        };
    }
}
