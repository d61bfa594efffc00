package dev.reflex.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects the errors and warnings found while reading configuration, so that every one of them can
 * be reported at once instead of stopping at the first.
 *
 * <p>Not thread-safe: one collector serves one load.
 */
public final class Problems {

    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    /** Records an error at a place in a file. */
    public void error(Location at, String path, String message) {
        errors.add(at.problem(path, message));
    }

    /** Records a warning at a place in a file. */
    public void warning(Location at, String path, String message) {
        warnings.add(at.problem(path, message));
    }

    /** Records errors found elsewhere. */
    public void addErrors(Collection<ConfigProblem> problems) {
        errors.addAll(problems);
    }

    /** Records warnings found elsewhere. */
    public void addWarnings(Collection<ConfigProblem> problems) {
        warnings.addAll(problems);
    }

    /** Records the errors and warnings of another load. */
    public void addAll(LoadResult<?> result) {
        errors.addAll(result.problems());
        warnings.addAll(result.warnings());
    }

    /** The errors so far, in the order they were found. */
    public List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    /** The warnings so far, in the order they were found. */
    public List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** How many errors were recorded; compare before and after a step to see whether it failed. */
    public int errorCount() {
        return errors.size();
    }

    /** Whether any error was recorded. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
