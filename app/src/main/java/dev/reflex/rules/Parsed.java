package dev.reflex.rules;

import dev.reflex.config.ConfigProblem;
import java.util.List;

/**
 * The outcome of reading a document: the value when it is valid, and every problem found.
 *
 * @param value    the value, or null when there are problems
 * @param problems every problem, each with the JSON-pointer path of the offending part; empty when valid
 * @param <T>      what was read
 */
public record Parsed<T>(T value, List<ConfigProblem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
        if (!problems.isEmpty()) {
            value = null;
        }
    }

    /** Whether the document was valid. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
