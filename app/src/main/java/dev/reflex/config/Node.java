package dev.reflex.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One value of a parsed YAML or JSON file that remembers where it was written.
 *
 * <p>The located tree is what {@link StrictLoader} produces and what the binding API ({@link Value},
 * {@link ObjectReader}) reads, so that every later error can name {@code file:line:col}. Nodes are
 * immutable; maps keep the order of their keys.
 */
public sealed interface Node
        permits Node.MapNode, Node.ListNode, Node.StringNode, Node.NumberNode, Node.BooleanNode, Node.NullNode {

    /** Where the value starts. */
    Location location();

    /** The kind of value with an article, for messages: "a map", "a list", "a string", "null"… */
    String kind();

    /**
     * The value as plain Java: {@code Map<String,Object>} (ordered), {@code List<Object>}, {@code String},
     * {@code Long} (or {@code BigInteger} when it does not fit), {@code Double}, {@code Boolean} or null.
     */
    Object toPlain();

    /** The value as a Jackson tree, for code that works with {@link JsonNode}. */
    JsonNode toJson();

    /**
     * One key of a map with the place the key was written.
     *
     * @param key         the key as text
     * @param keyLocation where the key is written (unknown-field errors point here)
     * @param value       the value
     */
    record Member(String key, Location keyLocation, Node value) {
    }

    /**
     * A map (YAML mapping, JSON object).
     *
     * @param location where the map starts
     * @param members  the keys in file order
     */
    record MapNode(Location location, Map<String, Member> members) implements Node {
        public MapNode {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The value of a key, or null when the key is absent. */
        public Node get(String key) {
            Member m = members.get(key);
            return m == null ? null : m.value();
        }

        @Override
        public String kind() {
            return "a map";
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            members.forEach((k, m) -> out.put(k, m.value().toPlain()));
            return out;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            members.forEach((k, m) -> out.set(k, m.value().toJson()));
            return out;
        }
    }

    /**
     * A list (YAML sequence, JSON array).
     *
     * @param location where the list starts
     * @param items    the items in order
     */
    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }

        @Override
        public List<Object> toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(i.toPlain()));
            return out;
        }

        @Override
        public ArrayNode toJson() {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            items.forEach(i -> out.add(i.toJson()));
            return out;
        }
    }

    /**
     * A string.
     *
     * @param location    where the string starts
     * @param value       the text
     * @param substituted whether the string held an {@code @@KEY@@} token (see {@link Tokens}); once
     *                    resolved, such text may also be read as a number or a boolean
     */
    record StringNode(Location location, String value, boolean substituted) implements Node {
        public StringNode {
            Objects.requireNonNull(value, "value");
        }

        /** A string written in a file. */
        public StringNode(Location location, String value) {
            this(location, value, false);
        }

        @Override
        public String kind() {
            return "a string";
        }

        @Override
        public String toPlain() {
            return value;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    /**
     * A number.
     *
     * @param location where the number starts
     * @param value    a {@code Long}, a {@code BigInteger} (integers beyond 64 bits) or a {@code Double}
     * @param text     the number as written, such as {@code 1.10} or {@code 0x1F}
     */
    record NumberNode(Location location, Number value, String text) implements Node {
        public NumberNode {
            Objects.requireNonNull(value, "value");
        }

        /** Whether the number has no fraction part as written (an integer token). */
        public boolean isIntegral() {
            return value instanceof Long || value instanceof BigInteger;
        }

        @Override
        public String kind() {
            return isIntegral() ? "an integer" : "a number";
        }

        @Override
        public Number toPlain() {
            return value;
        }

        @Override
        public JsonNode toJson() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (value) {
                case Long l -> f.numberNode(l);
                case BigInteger b -> f.numberNode(b);
                default -> f.numberNode(value.doubleValue());
            };
        }
    }

    /**
     * A boolean.
     *
     * @param location where the value starts
     * @param value    the value
     * @param text     the value as written ({@code true}, {@code yes}, {@code on}… in YAML)
     */
    record BooleanNode(Location location, boolean value, String text) implements Node {
        @Override
        public String kind() {
            return "a boolean";
        }

        @Override
        public Boolean toPlain() {
            return value;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.booleanNode(value);
        }
    }

    /**
     * An explicit null ({@code null}, {@code ~} or an empty value in YAML).
     *
     * @param location where the value is (or would be)
     */
    record NullNode(Location location) implements Node {
        @Override
        public String kind() {
            return "null";
        }

        @Override
        public Object toPlain() {
            return null;
        }

        @Override
        public JsonNode toJson() {
            return JsonNodeFactory.instance.nullNode();
        }
    }

    /**
     * A scalar as the text it was written with ({@code 1.10} stays {@code "1.10"}, null gives the empty
     * string); null for maps and lists.
     */
    static String scalarText(Node node) {
        return switch (node) {
            case StringNode s -> s.value();
            case NumberNode n -> n.text();
            case BooleanNode b -> b.text();
            case NullNode ignored -> "";
            case MapNode ignored -> null;
            case ListNode ignored -> null;
        };
    }
}
