package dev.reflex.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A path in the {@code jsonpath_rw} syntax that StackStorm uses for criteria keys and the
 * {@code jsonpath_query} filter: {@code trigger.check.name}, {@code trigger.headers['X-Token']},
 * {@code trigger.body["a.b"]}, {@code trigger.items[0]}, {@code trigger.items[*].name},
 * {@code trigger..name}, {@code trigger.a,b}, {@code $}.
 *
 * <p>Names are {@code [A-Za-z_@][A-Za-z0-9_@]*} or quoted; anything else (a {@code -}, a leading
 * digit) needs brackets, exactly as in StackStorm. {@code where}, {@code |} and {@code &} are not
 * supported. Evaluation follows {@code jsonpath_rw}: a name on a non-map matches nothing, an index
 * past the end matches nothing, {@code [*]} on a single value matches that value.
 */
public final class JsonPath {

    private final String text;
    private final Node root;
    private final String[] chain;

    private JsonPath(String text, Node root) {
        this.text = text;
        this.root = root;
        this.chain = chainOf(root);
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with a message naming the position when the path is not valid
     */
    public static JsonPath parse(String text) {
        JsonPathParser parser = new JsonPathParser(text);
        return new JsonPath(text, parser.parse());
    }

    /** The path as written. */
    public String text() {
        return text;
    }

    /** The top-level names this path can start with, or an empty list when it starts otherwise ({@code $}, {@code *}). */
    public List<String> leadingNames() {
        Node n = root;
        while (true) {
            switch (n) {
                case Child c -> n = c.left();
                case Descendants d -> n = d.left();
                case Fields f -> {
                    return f.names().contains("*") ? List.of() : f.names();
                }
                default -> {
                    return List.of();
                }
            }
        }
    }

    /** Whether this path is a plain chain of names ({@code a.b['c']}), which never fails to evaluate. */
    public boolean isSimple() {
        return isSimple(root);
    }

    private static boolean isSimple(Node n) {
        return switch (n) {
            case Fields f -> true;
            case Child c -> isSimple(c.left()) && isSimple(c.right());
            case Root r -> true;
            case Descendants d -> isSimple(d.left()) && isSimple(d.right());
            case Index i -> false;
            case Slice s -> false;
        };
    }

    /**
     * Every value the path matches in {@code data}, in {@code jsonpath_rw} order.
     *
     * @throws IllegalStateException where {@code jsonpath_rw} raises (an index applied to a number)
     */
    public List<Object> findAll(Object data) {
        List<Object> out = new ArrayList<>(2);
        find(root, data, data, out);
        return out;
    }

    /** The first value the path matches, or null when it matches nothing (StackStorm's criteria key value). */
    public Object first(Object data) {
        if (chain != null) {
            Object cur = data;
            for (String name : chain) {
                cur = field(cur, name);
                if (cur == NO_MATCH) {
                    return null;
                }
            }
            return cur;
        }
        List<Object> all = findAll(data);
        return all.isEmpty() ? null : all.getFirst();
    }

    private static final Object NO_MATCH = new Object();

    /** Whether this path is a plain chain of names whose first name is {@code head}, such as {@code trigger.a.b}. */
    public boolean isChainUnder(String head) {
        return chain != null && chain.length > 1 && (chain[0] == head || chain[0].equals(head));
    }

    /**
     * For a path for which {@link #isChainUnder(String)} holds: the value at the rest of the chain
     * inside {@code value} (the value under the head), or null. Saves building the root document.
     */
    public Object firstBelow(Object value) {
        Object cur = value;
        for (int i = 1; i < chain.length; i++) {
            cur = field(cur, chain[i]);
            if (cur == NO_MATCH) {
                return null;
            }
        }
        return cur;
    }

    /** The names of a path that is a plain chain of single names, else null. */
    private static String[] chainOf(Node n) {
        List<String> names = new ArrayList<>();
        return collectChain(n, names) ? names.toArray(String[]::new) : null;
    }

    private static boolean collectChain(Node n, List<String> names) {
        return switch (n) {
            case Fields f when f.names().size() == 1 && !f.names().getFirst().equals("*") -> names.add(f.names().getFirst());
            case Child c -> collectChain(c.left(), names) && collectChain(c.right(), names);
            default -> false;
        };
    }

    /** The class of {@code Collections.unmodifiableMap(…)}, which wraps every trigger instance payload. */
    private static final Class<?> UNMODIFIABLE_MAP = java.util.Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    private static Object field(Object data, String name) {
        // Parsed JSON is made of LinkedHashMaps, and payloads are wrapped read-only: call sites of their
        // own keep these two lookups monomorphic.
        if (data instanceof LinkedHashMap<?, ?> map) {
            Object v = map.get(name);
            return v != null || map.containsKey(name) ? v : NO_MATCH;
        }
        if (data != null && data.getClass() == UNMODIFIABLE_MAP) {
            Map<?, ?> map = (Map<?, ?>) data;
            Object v = map.get(name);
            return v != null || map.containsKey(name) ? v : NO_MATCH;
        }
        if (data instanceof KeyValueLookup kv) {
            return kv.value(name).map(v -> (Object) v).orElse(NO_MATCH);
        }
        if (data instanceof Map<?, ?> map) {
            Object v = map.get(name);
            if (v == null && !map.containsKey(name)) {
                return NO_MATCH;
            }
            return v;
        }
        return NO_MATCH;
    }

    private static void find(Node n, Object data, Object top, List<Object> out) {
        switch (n) {
            case Root r -> out.add(top);
            case Fields f -> {
                if (f.names().contains("*")) {
                    if (data instanceof Map<?, ?> map && !(data instanceof KeyValueLookup)) {
                        out.addAll(map.values());
                    }
                    return;
                }
                for (String name : f.names()) {
                    Object v = field(data, name);
                    if (v != NO_MATCH) {
                        out.add(v);
                    }
                }
            }
            case Index i -> {
                if (!truthy(data)) {
                    return;
                }
                switch (data) {
                    case List<?> list -> {
                        if (list.size() > i.index()) {
                            out.add(list.get(i.index()));
                        }
                    }
                    case String s -> {
                        if (s.codePointCount(0, s.length()) > i.index()) {
                            int at = s.offsetByCodePoints(0, i.index());
                            out.add(new String(Character.toChars(s.codePointAt(at))));
                        }
                    }
                    case Map<?, ?> map -> {
                        if (map.size() > i.index()) {
                            throw new IllegalStateException("KeyError: " + i.index());
                        }
                    }
                    default -> throw new IllegalStateException("TypeError: object of type '"
                            + PyTypes.name(data) + "' has no len()");
                }
            }
            case Slice s -> {
                List<?> items = switch (data) {
                    case List<?> list -> list;
                    case Map<?, ?> map -> List.of(map);
                    case String str -> List.of(str);
                    case Long l -> List.of(l);
                    case java.math.BigInteger bi -> List.of(bi);
                    case Boolean bool -> List.of(bool);
                    case null -> throw new IllegalStateException("TypeError: object of type 'NoneType' has no len()");
                    default -> throw new IllegalStateException("TypeError: object of type '"
                            + PyTypes.name(data) + "' has no len()");
                };
                int size = items.size();
                int from = s.start() == null ? 0 : Math.min(s.start(), size);
                int to = s.end() == null ? size : Math.min(s.end(), size);
                for (int k = from; k < to; k++) {
                    out.add(items.get(k));
                }
            }
            case Child c -> {
                List<Object> left = new ArrayList<>(2);
                find(c.left(), data, top, left);
                for (Object l : left) {
                    find(c.right(), l, top, out);
                }
            }
            case Descendants d -> {
                List<Object> left = new ArrayList<>(2);
                find(d.left(), data, top, left);
                for (Object l : left) {
                    descend(d.right(), l, top, out);
                }
            }
        }
    }

    private static void descend(Node right, Object data, Object top, List<Object> out) {
        find(right, data, top, out);
        if (data instanceof List<?> list) {
            for (Object item : list) {
                descend(right, item, top, out);
            }
        } else if (data instanceof Map<?, ?> map && !(data instanceof KeyValueLookup)) {
            for (Object v : map.values()) {
                descend(right, v, top, out);
            }
        }
    }

    private static boolean truthy(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Long l -> l != 0;
            case Double d -> d != 0;
            default -> true;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A node of a parsed path. */
    sealed interface Node permits Root, Fields, Index, Slice, Child, Descendants {
    }

    /** {@code $}. */
    record Root() implements Node {
    }

    /** One or more names, or {@code *}. */
    record Fields(List<String> names) implements Node {
    }

    /** {@code [n]}. */
    record Index(int index) implements Node {
    }

    /** {@code [*]} or {@code [a:b]}. */
    record Slice(Integer start, Integer end) implements Node {
    }

    /** {@code left.right} or {@code left[…]}. */
    record Child(Node left, Node right) implements Node {
    }

    /** {@code left..right}. */
    record Descendants(Node left, Node right) implements Node {
    }
}
