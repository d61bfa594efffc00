package dev.reflex.actions;

import java.util.List;

/**
 * Parameters that cannot be used for an execution: unknown, overriding an immutable one, missing,
 * failing to render, to cast or to validate. The message lists every problem, each naming its
 * parameter; values of secret parameters are never in it.
 */
public final class ParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problems, one sentence each. */
    private final List<String> problems;

    /** An exception for these problems (at least one). */
    public ParameterException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each. */
    public List<String> problems() {
        return problems;
    }
}
