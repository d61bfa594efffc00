package dev.reflex.workflows.chain;

import dev.reflex.config.Format;
import dev.reflex.config.ObjectReader;
import dev.reflex.config.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * StackStorm's action-chain file format, read strictly: {@code chain} (required list of tasks),
 * {@code default} and {@code vars} at the top; {@code name}, {@code ref}, {@code parameters} (or the
 * legacy {@code params}, not both), {@code on-success}, {@code on-failure}, {@code publish},
 * {@code notify} and {@code description} in a task. Unlike StackStorm, which validates only the
 * first task, every task is checked: unknown keys, duplicate names, and transitions or a
 * {@code default} naming no task are errors at their {@code file:line:col}.
 */
public final class ChainFormat {

    private static final Pattern VARIABLE = Pattern.compile("^\\w+$");

    private ChainFormat() {
    }

    /** The format of one chain file; {@code file} names it in the definition. */
    public static Format<ChainDefinition> of(String file) {
        return Format.object(o -> read(file, o));
    }

    private record Link(Value where, String target) {
    }

    private static ChainDefinition read(String file, ObjectReader o) {
        List<Link> links = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Value chain = o.required("chain");
        List<ChainDefinition.Node> nodes = chain.list(v -> v.object(n -> node(n, links, names)));
        if (chain.isPresent() && nodes.isEmpty() && chain.plain() instanceof List<?> l && l.isEmpty()) {
            chain.error("the chain has no task; give it at least one");
        }
        Value def = o.optional("default");
        String start = def.string();
        if (start != null) {
            links.add(new Link(def, start));
        }
        Map<String, Object> vars = variables(o.optional("vars"));
        for (Link link : links) {
            if (!names.contains(link.target())) {
                link.where().error("'" + link.target() + "' is not a task of this chain"
                        + (link.target().contains("{") ? " (transitions name tasks; they are not templates)" : "")
                        + "; tasks: " + String.join(", ", nodes.stream().map(ChainDefinition.Node::name).toList()));
            }
        }
        return nodes.isEmpty() ? null : new ChainDefinition(file, nodes, Optional.ofNullable(start), vars);
    }

    private static ChainDefinition.Node node(ObjectReader n, List<Link> links, Set<String> names) {
        n.known("description");
        String name = n.requiredString("name");
        String ref = n.requiredString("ref");
        if (name != null && !names.add(name)) {
            n.error("task name '" + name + "' is used by another task of the chain");
        }
        if (n.has("parameters") && n.has("params")) {
            n.error("both 'parameters' and its legacy name 'params' are set; keep one");
        }
        Map<String, Object> parameters = n.has("params") ? n.optional("params").plainMap()
                : n.optional("parameters").plainMap();
        n.known("params", "parameters");
        Optional<String> onSuccess = link(n.optional("on-success"), links);
        Optional<String> onFailure = link(n.optional("on-failure"), links);
        Map<String, Object> publish = variables(n.optional("publish"));
        Value notifyValue = n.optional("notify");
        Map<String, Object> notify = notifyValue.plainMap();
        if (notifyValue.isPresent() && notifyValue.plain() instanceof Map<?, ?>) {
            notifyValue.map(v -> v).forEach((section, v) -> {
                if (!List.of("on-complete", "on-success", "on-failure").contains(section)) {
                    v.error("unknown notify section '" + section + "'; expected on-complete, on-success or on-failure");
                } else if (!(v.plain() instanceof Map<?, ?>)) {
                    v.error("a notify section is a map (message, data, routes)");
                }
            });
        }
        if (name == null || ref == null) {
            return null;
        }
        return new ChainDefinition.Node(name, ref, parameters, onSuccess, onFailure, publish, notify);
    }

    private static Optional<String> link(Value v, List<Link> links) {
        String target = v.string();
        if (target != null) {
            links.add(new Link(v, target));
        }
        return Optional.ofNullable(target);
    }

    private static Map<String, Object> variables(Value v) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!v.isPresent()) {
            return out;
        }
        Map<String, Object> plain = v.plainMap();
        v.map(e -> e).forEach((key, e) -> {
            if (!VARIABLE.matcher(key).matches()) {
                e.error("'" + key + "' is not a valid variable name (letters, digits and _ only)");
            }
        });
        out.putAll(plain);
        return out;
    }
}
