package dev.reflex.template;

import java.util.List;
import java.util.function.Function;

/**
 * A global Jinja function: {@code {{ name(arg, …) }}}, such as the workflow functions
 * {@code ctx()} or {@code result()}. Functions are given to a {@link TemplateEngine} when it is made
 * and are called with the variables of the render in progress, so a function can read what the
 * caller put in the render context (a workflow's state, for instance) without any global state.
 *
 * <p>Values may arrive as template views; use {@link TemplateValues#unwrap(Object)} to get plain
 * data, and return plain data or views. Bad input is signalled with {@link IllegalArgumentException}:
 * the rendering then fails with that message.
 */
@FunctionalInterface
public interface TemplateFunction {

    /**
     * Calls the function.
     *
     * @param variables the variables of the render in progress, by name (null when not set)
     * @param args      the positional arguments, in order
     * @return the value of the call
     */
    Object call(Function<String, Object> variables, List<Object> args);
}
