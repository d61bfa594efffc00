package dev.reflex.template;

import java.util.List;

/**
 * A template that cannot be compiled (bad syntax, unknown filter) or rendered (undefined variable,
 * a filter that rejected its input).
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param source   the template text
     * @param problems what is wrong, one sentence each (at least one)
     */
    public TemplateException(String source, List<String> problems) {
        super(String.join("; ", problems) + " in template: " + source);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /** What is wrong, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
