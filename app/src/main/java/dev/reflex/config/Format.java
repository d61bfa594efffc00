package dev.reflex.config;

import java.util.function.Function;

/**
 * How to turn the located tree of one file into a value, reporting every problem instead of stopping
 * at the first: the definition of one configuration format (reflex.yaml, pack.yaml, a rule…).
 *
 * <p>Most formats are one {@link #object(Function)} call:
 *
 * <pre>{@code
 * Format<Greeting> GREETING = Format.object(o -> new Greeting(
 *         o.required("name").string(),
 *         o.optional("times").intValue(1, 1, 10),
 *         o.optional("tags").stringList()));
 * }</pre>
 *
 * <p>A format may return null when the tree is too broken to build a value; it must then have
 * reported at least one error.
 *
 * @param <T> what the format produces
 */
@FunctionalInterface
public interface Format<T> {

    /** Reads the top-level value of one file; problems go to {@code root.problems()}. */
    T read(Value root);

    /**
     * A format whose files hold one map, read field by field with an {@link ObjectReader}. An empty
     * file is an error.
     */
    static <T> Format<T> object(Function<ObjectReader, T> reader) {
        return root -> {
            if (!root.isPresent()) {
                root.error("the file is empty; expected a map of settings");
                return null;
            }
            return root.object(reader);
        };
    }
}
