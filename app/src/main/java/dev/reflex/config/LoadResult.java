package dev.reflex.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What loading one or many files produced: the values of the files that loaded without errors, and
 * every error and warning of every file. A bad file never hides the good ones.
 *
 * @param ok       the files that loaded without errors, in the order they were read
 * @param problems every error, in file order
 * @param warnings every warning, in file order
 * @param <T>      the type the format produces
 */
public record LoadResult<T>(List<Loaded<T>> ok, List<ConfigProblem> problems, List<ConfigProblem> warnings) {

    public LoadResult {
        ok = List.copyOf(ok);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** A result with nothing in it. */
    public static <T> LoadResult<T> empty() {
        return new LoadResult<>(List.of(), List.of(), List.of());
    }

    /** A result that holds only errors. */
    public static <T> LoadResult<T> failed(List<ConfigProblem> problems) {
        return new LoadResult<>(List.of(), problems, List.of());
    }

    /** The results of several loads, in order. */
    public static <T> LoadResult<T> concat(Collection<LoadResult<T>> results) {
        List<Loaded<T>> ok = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        for (LoadResult<T> r : results) {
            ok.addAll(r.ok());
            problems.addAll(r.problems());
            warnings.addAll(r.warnings());
        }
        return new LoadResult<>(ok, problems, warnings);
    }

    /** This result followed by another. */
    public LoadResult<T> plus(LoadResult<T> other) {
        return concat(List.of(this, other));
    }

    /** Whether any file had an error. */
    public boolean hasErrors() {
        return !problems.isEmpty();
    }

    /** The values of the files that loaded, in order. */
    public List<T> values() {
        return ok.stream().map(Loaded::value).toList();
    }

    /** The values, or a {@link ConfigException} with every error when any file had one. */
    public List<T> orThrow() {
        if (hasErrors()) {
            throw new ConfigException(problems);
        }
        return values();
    }

    /** The single value of a one-file load, or a {@link ConfigException} with every error. */
    public T single() {
        List<T> values = orThrow();
        if (values.size() != 1) {
            throw new IllegalStateException("expected one loaded value but found " + values.size());
        }
        return values.getFirst();
    }
}
