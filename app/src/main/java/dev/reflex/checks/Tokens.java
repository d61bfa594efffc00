package dev.reflex.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sensu's token substitution: {@code :::path.to.attribute|default:::} replaced by the value found
 * in a client definition (or, for {@code eval:} filters, in the event).
 *
 * <p>The rules, as Sensu Core 1.x applies them:
 * <ul>
 *   <li>a token is {@code :::} followed by a character other than {@code :}, then the shortest text
 *       up to the next {@code :::};</li>
 *   <li>the token is split on its first {@code |} into a dotted path and an optional default;</li>
 *   <li>the walk descends through objects; a missing value gives the default, a scalar reached
 *       before the end of the path is the value, and a path ending on an object gives the default;</li>
 *   <li>the value is written as Ruby's {@code to_s} writes it; a token with neither a value nor a
 *       default is replaced by nothing and reported as unmatched; {@code :::x|:::} (empty default)
 *       counts as matched;</li>
 *   <li>characters that were invalid UTF-8 (decoded as U+FFFD) are removed first.</li>
 * </ul>
 */
public final class Tokens {

    private static final Pattern TOKEN = Pattern.compile(":::([^:].*?):::");
    private static final char REPLACEMENT = '\uFFFD';

    private Tokens() {
    }

    /**
     * The outcome of a substitution.
     *
     * @param value     the text (or tree) with every token replaced
     * @param unmatched the tokens (path part only) that had neither a value nor a default, first
     *                  occurrence order, without duplicates
     */
    public record Substitution<T>(T value, List<String> unmatched) {
        public Substitution {
            unmatched = List.copyOf(unmatched);
        }

        /** True when every token found a value or a default. */
        public boolean complete() {
            return unmatched.isEmpty();
        }
    }

    /** Substitutes the tokens of one string. */
    public static Substitution<String> substitute(String text, Map<String, Object> attributes) {
        return substitute(text, attributes, java.util.function.UnaryOperator.identity());
    }

    /**
     * Substitutes the tokens of one string, passing each substituted value through {@code escape}
     * (for example {@link ShellQuoting#quoteIfNeeded}) before it is inserted.
     */
    public static Substitution<String> substitute(String text, Map<String, Object> attributes,
            java.util.function.UnaryOperator<String> escape) {
        List<String> unmatched = new ArrayList<>();
        String value = substitute(text, attributes, unmatched, escape);
        return new Substitution<>(value, unmatched);
    }

    private static String substitute(String text, Map<String, Object> attributes, List<String> unmatched) {
        return substitute(text, attributes, unmatched, java.util.function.UnaryOperator.identity());
    }

    private static String substitute(String text, Map<String, Object> attributes, List<String> unmatched,
            java.util.function.UnaryOperator<String> escape) {
        String clean = text.indexOf(REPLACEMENT) >= 0 ? text.replace(String.valueOf(REPLACEMENT), "") : text;
        if (clean.indexOf(":::") < 0) {
            return clean;
        }
        Matcher m = TOKEN.matcher(clean);
        StringBuilder out = new StringBuilder(clean.length());
        while (m.find()) {
            String body = m.group(1);
            int bar = body.indexOf('|');
            String path = bar < 0 ? body : body.substring(0, bar);
            String fallback = bar < 0 ? null : body.substring(bar + 1);
            Object found = lookup(attributes, splitPath(path), fallback);
            if (found == null) {
                unmatched.add(path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(RubyText.toS(found))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Substitutes the tokens in every string of a JSON-like tree (objects and arrays are walked,
     * numbers and booleans left alone). The input is not modified.
     */
    public static Substitution<Object> substituteObject(Object tree, Map<String, Object> attributes) {
        List<String> unmatched = new ArrayList<>();
        Object value = walk(tree, attributes, unmatched);
        return new Substitution<>(value, new ArrayList<>(new LinkedHashSet<>(unmatched)));
    }

    /** {@link #substituteObject} for an object, returning an object. */
    public static Substitution<Map<String, Object>> substituteMap(Map<String, Object> tree, Map<String, Object> attributes) {
        Substitution<Object> s = substituteObject(tree, attributes);
        return new Substitution<>(JsonValues.asMap(s.value()), s.unmatched());
    }

    private static Object walk(Object node, Map<String, Object> attributes, List<String> unmatched) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), walk(v, attributes, unmatched)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(walk(v, attributes, unmatched)));
            return out;
        }
        if (node instanceof String s) {
            return substitute(s, attributes, unmatched);
        }
        return node;
    }

    /** Ruby's {@code "a.b".split(".")}: trailing empty segments are dropped. */
    private static List<String> splitPath(String path) {
        String[] parts = path.split("\\.");
        return List.of(parts);
    }

    /**
     * Walks {@code path} through {@code tree}: objects are descended, a scalar reached early is the
     * value, a missing value or a path ending on an object gives {@code fallback}.
     */
    public static Object lookup(Map<String, Object> tree, List<String> path, Object fallback) {
        Map<String, Object> current = tree;
        int i = 0;
        while (true) {
            Object attribute = i < path.size() && current != null ? current.get(path.get(i)) : null;
            i++;
            Map<String, Object> next = JsonValues.asMap(attribute);
            if (next != null) {
                current = next;
                continue;
            }
            return attribute == null ? fallback : attribute;
        }
    }
}
