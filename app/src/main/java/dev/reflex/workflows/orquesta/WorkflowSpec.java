package dev.reflex.workflows.orquesta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graph workflow as written (Orquesta format version 1.0): values are kept as written, with their
 * Jinja expressions, and evaluated as the workflow runs.
 *
 * @param input  the workflow's inputs, in order: name to default (null when none)
 * @param vars   the variables set at the start, in order (each may use the inputs and earlier ones)
 * @param output what the workflow's result holds, in order
 * @param tasks  the tasks by name, in file order
 */
public record WorkflowSpec(List<Named> input, List<Named> vars, List<Named> output, Map<String, Task> tasks) {

    public WorkflowSpec {
        input = List.copyOf(input);
        vars = List.copyOf(vars);
        output = List.copyOf(output);
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /** The tasks no transition leads to: where the workflow starts. */
    public List<String> startTasks() {
        return tasks.keySet().stream().filter(t -> inbound(t).isEmpty()).toList();
    }

    /** The names of the tasks with a transition to {@code task}. */
    public List<String> inbound(String task) {
        return tasks.values().stream()
                .filter(t -> t.next().stream().anyMatch(n -> n.targets().contains(task)))
                .map(Task::name).toList();
    }

    /**
     * A name with a value as written (an expression, a literal or null).
     *
     * @param name  the name
     * @param value the value
     */
    public record Named(String name, Object value) {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One task.
     *
     * @param name   the task's name
     * @param action the action ref, or null for a task that only waits or routes
     * @param input  the action's parameters as written
     * @param join   null for no join, 0 for {@code join: all}, N to start after N inbound tasks
     * @param items  the {@code with} clause, or null
     * @param retry  the {@code retry} clause, or null
     * @param delay  seconds to wait before the task runs (a number or expression), or null
     * @param next   the transitions, in order
     */
    public record Task(String name, String action, Map<String, Object> input, Integer join, Items items, Retry retry,
                       Object delay, List<Transition> next) {
        public Task {
            input = input == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(input));
            next = List.copyOf(next);
        }
    }

    /**
     * A transition: when its condition holds on the completed task, publish values and go on.
     *
     * @param when    the condition, or null for always
     * @param publish values to set in the workflow context, in order
     * @param targets the tasks to run next, or the commands {@code fail}, {@code noop}, {@code retry},
     *                {@code continue}
     */
    public record Transition(String when, List<Named> publish, List<String> targets) {
        public Transition {
            publish = List.copyOf(publish);
            targets = List.copyOf(targets);
        }
    }

    /**
     * A {@code with} clause: run the task once per item.
     *
     * @param variables   the names given in {@code x in <expr>} (empty when the expression stands alone)
     * @param expression  the expression giving the list of items
     * @param concurrency how many items may run at once (a number or expression), or null for no limit
     */
    public record Items(List<String> variables, String expression, Object concurrency) {
        public Items {
            variables = List.copyOf(variables);
        }
    }

    /**
     * A {@code retry} clause: run the task again when it completes and the condition holds.
     *
     * @param when  the condition, or null for "the task failed"
     * @param count how many times at most (a number or expression)
     * @param delay seconds to wait before each new attempt (a number or expression), or null
     */
    public record Retry(String when, Object count, Object delay) {
    }
}
