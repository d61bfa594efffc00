package dev.reflex.workflows.orquesta;

import dev.reflex.template.Template;
import dev.reflex.template.TemplateEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates workflow values as Orquesta does: a string that is one {@code {{ expression }}} gives the
 * expression's value with its type (a map, a list, a number, a boolean); other text with Jinja in it
 * is rendered to a string; maps and lists are evaluated member by member; anything else is kept.
 */
final class Expressions {

    private static final Pattern WHOLE = Pattern.compile("^\\s*\\{\\{(.*)}}\\s*$", Pattern.DOTALL);

    private final TemplateEngine templates;

    Expressions(TemplateEngine templates) {
        this.templates = templates;
    }

    /** Whether {@code text} is exactly one {@code {{ expression }}}. */
    static boolean isExpression(String text) {
        Matcher m = WHOLE.matcher(text);
        return m.matches() && !m.group(1).contains("{{") && !m.group(1).contains("}}");
    }

    /**
     * The value of {@code value} in {@code scope}.
     *
     * @throws dev.reflex.template.TemplateException when an expression fails
     */
    Object evaluate(Object value, Scope scope) {
        return switch (value) {
            case String s -> evaluateText(s, scope);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), evaluate(v, scope)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                c.forEach(v -> out.add(evaluate(v, scope)));
                yield out;
            }
            case null, default -> value;
        };
    }

    private Object evaluateText(String s, Scope scope) {
        Map<String, Object> context = Map.of(OrquestaFunctions.SCOPE, scope);
        Matcher m = WHOLE.matcher(s);
        if (m.matches() && !m.group(1).contains("{{") && !m.group(1).contains("}}")) {
            return templates.evaluate(m.group(1).trim(), context);
        }
        if (!Template.hasMarkup(s)) {
            return s;
        }
        return templates.render(s, context);
    }

    /** Whether a condition holds: Python's truth (null, false, 0, empty text and collections are false). */
    boolean holds(String when, Scope scope) {
        return when == null || truthy(evaluate(when, scope));
    }

    static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isEmpty() && !s.equals("False") && !s.equals("false");
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /** A number of seconds or a count from a value as written (a number or an expression). */
    double number(Object value, Scope scope, String what) {
        Object v = evaluate(value, scope);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(what + " must be a number, not " + v);
    }
}
