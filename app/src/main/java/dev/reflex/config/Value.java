package dev.reflex.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.Node.BooleanNode;
import dev.reflex.config.Node.ListNode;
import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.NullNode;
import dev.reflex.config.Node.NumberNode;
import dev.reflex.config.Node.StringNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One value of a located tree being bound to Java, at a known path: the value of a field, an item of a
 * list, or the top of a file. It may be absent (a field that is not set).
 *
 * <p>Every conversion reports a problem (with {@code file:line:col} and the path) instead of throwing,
 * and returns the given default (or null) when the value is absent or wrong, so that binding goes on
 * and finds every other problem of the file too. An explicit YAML {@code null} counts as absent.
 */
public final class Value {

    private final Node node;
    private final String path;
    private final Location where;
    private final Problems problems;
    private final Pattern pattern;
    private final String patternRule;

    Value(Node node, String path, Location where, Problems problems) {
        this(node, path, where, problems, null, null);
    }

    private Value(Node node, String path, Location where, Problems problems, Pattern pattern, String patternRule) {
        this.node = node;
        this.path = path;
        this.where = where;
        this.problems = problems;
        this.pattern = pattern;
        this.patternRule = patternRule;
    }

    /** The top-level value of a file (null when the file is empty). */
    public static Value root(String file, Node root, Problems problems) {
        return new Value(root, "", root == null ? Location.of(file) : root.location(), problems);
    }

    /** A value at a given path, for binding a sub-tree on its own. */
    public static Value of(Node node, String path, Problems problems) {
        return new Value(node, path, node.location(), problems);
    }

    /** Whether the value is set (and not an explicit null). */
    public boolean isPresent() {
        return node != null && !(node instanceof NullNode);
    }

    /** The located node, or null when absent. */
    public Node node() {
        return isPresent() ? node : null;
    }

    /** The path inside the document, such as {@code /action/parameters/timeout}; empty for the top. */
    public String path() {
        return path;
    }

    /** Where the value is written; for an absent field, where its object is. */
    public Location location() {
        return where;
    }

    /** The collector this value reports to. */
    public Problems problems() {
        return problems;
    }

    /** Reports an error about this value. */
    public void error(String message) {
        problems.error(where, path, message);
    }

    /** Reports a warning about this value. */
    public void warning(String message) {
        problems.warning(where, path, message);
    }

    /**
     * This value with a pattern that its text must match ({@link #string}, {@link #text}); a mismatch is
     * reported as "'value' is not valid: rule".
     */
    public Value matching(Pattern regex, String rule) {
        return new Value(node, path, where, problems, regex, rule);
    }

    // ---- text

    /** The string, or null when absent or not a string. */
    public String string() {
        return string(null);
    }

    /** The string, or the default when absent or not a string (which is reported). */
    public String string(String def) {
        if (!isPresent()) {
            return def;
        }
        if (node instanceof StringNode s) {
            return checked(s.value(), def);
        }
        mismatch("a string", node instanceof NumberNode || node instanceof BooleanNode
                ? "; put it in quotes if it is meant as text" : "");
        return def;
    }

    /**
     * Any scalar as the text it was written with ({@code version: 1.10} gives {@code "1.10"}), for
     * fields that compatible formats accept either quoted or not; maps and lists are reported.
     */
    public String text(String def) {
        if (!isPresent()) {
            return def;
        }
        String t = Node.scalarText(node);
        if (t == null) {
            mismatch("a plain value (text, a number or a boolean)", "");
            return def;
        }
        return checked(t, def);
    }

    private String checked(String s, String def) {
        if (pattern != null && !pattern.matcher(s).matches() && !unresolvedToken()) {
            error("'" + s + "' is not valid: " + patternRule);
            return def;
        }
        return s;
    }

    /** One of the given strings, exactly; anything else is reported with the list of choices. */
    public String oneOf(String def, String... allowed) {
        String s = string(null);
        if (s == null) {
            return def;
        }
        List<String> choices = Arrays.asList(allowed);
        if (!choices.contains(s)) {
            error("unknown value '" + s + "'" + DidYouMean.hint(s, choices) + "; expected one of: "
                    + String.join(", ", choices));
            return def;
        }
        return s;
    }

    /** An enum constant named like the text, ignoring case and treating {@code -} as {@code _}. */
    public <E extends Enum<E>> E enumValue(Class<E> type, E def) {
        String s = string(null);
        if (s == null) {
            return def;
        }
        String wanted = s.replace('-', '_');
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(wanted)) {
                return e;
            }
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        error("unknown value '" + s + "'" + DidYouMean.hint(s, names) + "; expected one of: " + String.join(", ", names));
        return def;
    }

    // ---- numbers, booleans, durations

    /** An integer of any size that fits an int. */
    public int intValue(int def) {
        return intValue(def, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer between {@code min} and {@code max} inclusive. */
    public int intValue(int def, int min, int max) {
        return (int) longValue(def, min, max);
    }

    /** A 64-bit integer. */
    public long longValue(long def) {
        return longValue(def, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A 64-bit integer between {@code min} and {@code max} inclusive. */
    public long longValue(long def, long min, long max) {
        if (!isPresent()) {
            return def;
        }
        Long v = switch (node) {
            case NumberNode n when n.value() instanceof Long l -> l;
            case StringNode s when s.substituted() -> TypeMessages.parseLong(s.value());
            default -> null;
        };
        if (v == null) {
            mismatch("an integer", "");
            return def;
        }
        if (v < min || v > max) {
            error(TypeMessages.range(v, min, max));
            return def;
        }
        return v;
    }

    /** A number (integer or not). */
    public double doubleValue(double def) {
        if (!isPresent()) {
            return def;
        }
        if (node instanceof NumberNode n) {
            return n.value().doubleValue();
        }
        if (node instanceof StringNode s && s.substituted()) {
            try {
                return Double.parseDouble(s.value().strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        mismatch("a number", "");
        return def;
    }

    /** A boolean. */
    public boolean bool(boolean def) {
        Boolean b = boolOrNull();
        return b == null ? def : b;
    }

    /** A boolean, or null when absent (for settings whose absence means "decide for me"). */
    public Boolean boolOrNull() {
        if (!isPresent()) {
            return null;
        }
        if (node instanceof BooleanNode b) {
            return b.value();
        }
        if (node instanceof StringNode s && s.substituted()) {
            String t = s.value().strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
            }
        }
        mismatch("a boolean (true or false)", "");
        return null;
    }

    /** A duration such as {@code 5ms}, {@code 2s}, {@code 1m30s} (see {@link Durations}). */
    public Duration duration(Duration def) {
        if (!isPresent()) {
            return def;
        }
        if (node instanceof NumberNode n && n.value() instanceof Long l && l == 0) {
            return Duration.ZERO;
        }
        if (!(node instanceof StringNode s)) {
            mismatch("a duration", node instanceof NumberNode
                    ? "; add a unit, for example '" + Node.scalarText(node) + "s'" : "");
            return def;
        }
        try {
            return Durations.parse(s.value());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return def;
        }
    }

    // ---- collections

    /** A list of strings; absent gives an empty list. */
    public List<String> stringList() {
        return list(Value::string);
    }

    /** A list whose items are read one by one; absent gives an empty list, and items read as null are left out. */
    public <T> List<T> list(Function<Value, T> item) {
        if (!isPresent()) {
            return List.of();
        }
        if (!(node instanceof ListNode l)) {
            mismatch("a list", "");
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
            Node child = l.items().get(i);
            T v = item.apply(new Value(child, path + "/" + i, child.location(), problems));
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A map with keys chosen by the user (parameters, criteria…), each value read by {@code entry};
     * absent gives an empty map, and entries read as null are left out. Keys keep the file's order.
     */
    public <T> Map<String, T> map(Function<Value, T> entry) {
        if (!isPresent()) {
            return Map.of();
        }
        if (!(node instanceof MapNode m)) {
            mismatch("a map", "");
            return Map.of();
        }
        Map<String, T> out = new LinkedHashMap<>();
        m.members().forEach((key, member) -> {
            Node child = member.value();
            T v = entry.apply(new Value(child, path + "/" + TreeReader.escape(key), child.location(), problems));
            if (v != null) {
                out.put(key, v);
            }
        });
        return out;
    }

    /** An object read field by field; null when absent. */
    public <T> T object(Function<ObjectReader, T> reader) {
        return object(null, reader);
    }

    /**
     * An object read field by field, or the default when absent or broken. Fields the reader did not
     * declare are reported when it returns. An exception thrown by the reader (such as a record
     * constructor rejecting a value) becomes an error at the object, unless errors were already
     * reported inside it.
     */
    public <T> T object(T def, Function<ObjectReader, T> reader) {
        if (!isPresent()) {
            return def;
        }
        if (!(node instanceof MapNode m)) {
            mismatch("a map", "");
            return def;
        }
        ObjectReader r = new ObjectReader(m, path, problems);
        int before = problems.errorCount();
        T result;
        try {
            result = reader.apply(r);
        } catch (RuntimeException e) {
            if (problems.errorCount() == before) {
                error(e.getMessage() == null ? "invalid: " + e : e.getMessage());
            }
            result = null;
        }
        r.finish();
        return result == null ? def : result;
    }

    // ---- free-form

    /** The value as plain Java (maps, lists, strings, numbers, booleans, null); null when absent. */
    public Object plain() {
        return isPresent() ? node.toPlain() : null;
    }

    /** A free-form map as plain Java; absent gives an empty map. */
    public Map<String, Object> plainMap() {
        if (!isPresent()) {
            return new LinkedHashMap<>();
        }
        if (node instanceof MapNode m) {
            return m.toPlain();
        }
        mismatch("a map", "");
        return new LinkedHashMap<>();
    }

    /** The value as a Jackson tree; null when absent. */
    public JsonNode json() {
        return isPresent() ? node.toJson() : null;
    }

    private void mismatch(String expected, String hint) {
        if (!unresolvedToken()) {
            error(TypeMessages.mismatch(node, expected, hint));
        }
    }

    /** A string whose token could not be resolved: that was reported once already, by {@link Tokens}. */
    private boolean unresolvedToken() {
        return node instanceof StringNode s && s.substituted() && Tokens.hasToken(s.value());
    }
}
