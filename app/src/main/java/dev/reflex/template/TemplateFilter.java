package dev.reflex.template;

import java.util.List;
import java.util.Map;

/**
 * A Jinja filter: {@code {{ value | name(arg, key=arg) }}}.
 *
 * <p>Values may arrive as template views ({@link PyNone}, wrapped maps and lists); use
 * {@link TemplateValues#unwrap(Object)} to get plain data. A filter signals bad input by throwing
 * {@link IllegalArgumentException}; the rendering then fails with that message.
 */
@FunctionalInterface
public interface TemplateFilter {

    /**
     * Applies the filter.
     *
     * @param value  what is being filtered
     * @param args   positional arguments, in order
     * @param kwargs keyword arguments
     * @return the filtered value
     */
    Object apply(Object value, List<Object> args, Map<String, Object> kwargs);
}
