package dev.reflex.config;

import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.Member;
import dev.reflex.config.Node.NullNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one map of a located tree field by field. Each field is declared as it is read
 * ({@link #required}, {@link #optional}, {@link #known}); when the reader returns, every field that
 * was not declared is reported as unknown, with the known fields and a "did you mean" hint.
 *
 * <p>Formats that allow extra fields (Sensu checks carry custom attributes, StackStorm's pack.yaml is
 * open) call {@link #allowUnknownFields()} or {@link #warnUnknownFields()}, and can read the extra
 * fields with {@link #unknownFields()}.
 *
 * <pre>{@code
 * Value http = root.optional("http");
 * Http h = http.object(Http.defaults(), o -> new Http(
 *         o.optional("bind").string("127.0.0.1"),
 *         o.optional("port").intValue(9101, 0, 65535),
 *         o.optional("max_request_bytes").longValue(1 << 20, 1, Long.MAX_VALUE),
 *         o.optional("require_auth").boolOrNull()));
 * }</pre>
 */
public final class ObjectReader {

    /** What to do with fields a reader did not declare. */
    public enum UnknownFields {
        /** Report each as an error (the default: strict formats). */
        ERROR,
        /** Report each as a warning (open formats that Reflex still checks for typos). */
        WARN,
        /** Accept them silently (formats with free custom attributes). */
        ALLOW
    }

    private final MapNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> declared = new LinkedHashSet<>();
    private UnknownFields unknown = UnknownFields.ERROR;

    ObjectReader(MapNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** A field that must be set; its absence (or an explicit null) is reported. */
    public Value required(String name) {
        declared.add(name);
        Member m = node.members().get(name);
        String childPath = childPath(name);
        if (m == null) {
            problems.error(node.location(), path, "missing required field '" + name + "'");
            return new Value(null, childPath, node.location(), problems);
        }
        if (m.value() instanceof NullNode) {
            problems.error(m.keyLocation(), childPath, "field '" + name + "' needs a value");
        }
        return new Value(m.value(), childPath, m.value().location(), problems);
    }

    /** A field that may be absent; read it with a default. */
    public Value optional(String name) {
        declared.add(name);
        Member m = node.members().get(name);
        if (m == null) {
            return new Value(null, childPath(name), node.location(), problems);
        }
        return new Value(m.value(), childPath(name), m.value().location(), problems);
    }

    /** Declares fields that are accepted but not read here (read elsewhere, or deliberately ignored). */
    public ObjectReader known(String... names) {
        declared.addAll(List.of(names));
        return this;
    }

    /** Accepts fields that were not declared, silently. */
    public ObjectReader allowUnknownFields() {
        unknown = UnknownFields.ALLOW;
        return this;
    }

    /** Reports fields that were not declared as warnings instead of errors. */
    public ObjectReader warnUnknownFields() {
        unknown = UnknownFields.WARN;
        return this;
    }

    /** Whether a field is set to something other than null (does not declare it). */
    public boolean has(String name) {
        Member m = node.members().get(name);
        return m != null && !(m.value() instanceof NullNode);
    }

    /**
     * The fields not declared so far, in file order; call it after reading the declared fields, to pass
     * custom attributes through.
     */
    public Map<String, Value> unknownFields() {
        Map<String, Value> out = new LinkedHashMap<>();
        node.members().forEach((key, m) -> {
            if (!declared.contains(key)) {
                out.put(key, new Value(m.value(), childPath(key), m.value().location(), problems));
            }
        });
        return out;
    }

    /** Where the map starts. */
    public Location location() {
        return node.location();
    }

    /** The path of the map inside the document. */
    public String path() {
        return path;
    }

    /** The located map being read. */
    public MapNode node() {
        return node;
    }

    /** Reports an error about the whole object (for rules that involve several fields). */
    public void error(String message) {
        problems.error(node.location(), path, message);
    }

    /** Reports a warning about the whole object. */
    public void warning(String message) {
        problems.warning(node.location(), path, message);
    }

    // ---- shortcuts for the common cases

    /** {@code required(name).string()}. */
    public String requiredString(String name) {
        return required(name).string();
    }

    /** {@code optional(name).string(def)}. */
    public String string(String name, String def) {
        return optional(name).string(def);
    }

    /** {@code optional(name).bool(def)}. */
    public boolean bool(String name, boolean def) {
        return optional(name).bool(def);
    }

    /** {@code optional(name).intValue(def)}. */
    public int intValue(String name, int def) {
        return optional(name).intValue(def);
    }

    /** {@code optional(name).stringList()}. */
    public List<String> stringList(String name) {
        return optional(name).stringList();
    }

    /** Reports the fields that were never declared; called once the reader returned. */
    void finish() {
        if (unknown == UnknownFields.ALLOW) {
            return;
        }
        node.members().forEach((key, m) -> {
            if (declared.contains(key)) {
                return;
            }
            String message = "unknown field '" + key + "'" + DidYouMean.hint(key, declared)
                    + (declared.isEmpty() ? "; no fields are allowed here" : "; known fields: " + String.join(", ", declared));
            if (unknown == UnknownFields.ERROR) {
                problems.error(m.keyLocation(), childPath(key), message);
            } else {
                problems.warning(m.keyLocation(), childPath(key), message);
            }
        });
    }

    private String childPath(String name) {
        return path + "/" + TreeReader.escape(name);
    }
}
