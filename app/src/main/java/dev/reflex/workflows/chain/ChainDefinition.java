package dev.reflex.workflows.chain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain file as loaded: its tasks in file order, the start task and the variables.
 *
 * @param file        where it came from (for messages)
 * @param nodes       the tasks, in file order, with unique names
 * @param defaultNode the {@code default} task, when set
 * @param vars        the {@code vars} templates, rendered once when the chain starts
 */
public record ChainDefinition(String file, List<Node> nodes, Optional<String> defaultNode, Map<String, Object> vars) {

    public ChainDefinition {
        nodes = List.copyOf(nodes);
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }

    /**
     * One task of a chain.
     *
     * @param name       its name, unique in the chain
     * @param ref        the action it runs
     * @param parameters its parameter templates ({@code parameters}, or the legacy {@code params})
     * @param onSuccess  the task to run after it succeeds, when any
     * @param onFailure  the task to run after it fails or times out, when any
     * @param publish    variables published after it succeeds (templates)
     * @param notifications its {@code notify} section, as written
     */
    public record Node(String name, String ref, Map<String, Object> parameters, Optional<String> onSuccess,
                       Optional<String> onFailure, Map<String, Object> publish, Map<String, Object> notifications) {

        public Node {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            publish = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publish));
            notifications = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notifications));
        }
    }

    /** The task with this name. */
    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * The first task: {@code default}, else the first task that no {@code on-success} or
     * {@code on-failure} names, else the first task of the file (StackStorm's rule).
     */
    public Node start() {
        if (defaultNode.isPresent()) {
            return node(defaultNode.get()).orElseThrow();
        }
        java.util.Set<String> targets = new java.util.HashSet<>();
        for (Node n : nodes) {
            n.onSuccess().ifPresent(targets::add);
            n.onFailure().ifPresent(targets::add);
        }
        return nodes.stream().filter(n -> !targets.contains(n.name())).findFirst().orElse(nodes.getFirst());
    }
}
