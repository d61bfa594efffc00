package dev.reflex.checks;

import dev.reflex.config.ConfigProblem;
import java.util.List;

/**
 * What parsing a document gave: the value built from everything that was valid, and every problem
 * found, each with the document's name and a JSON-pointer path.
 *
 * <p>A definition with problems is left out of the value, so one bad definition never keeps the
 * good ones from loading. The strict located loader can translate each path into a line and column.
 *
 * @param value    the result; never null (an empty value when nothing was usable)
 * @param problems every problem, in document order
 */
public record Parsed<T>(T value, List<ConfigProblem> problems) {

    public Parsed {
        problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
