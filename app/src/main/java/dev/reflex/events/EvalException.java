package dev.reflex.events;

/**
 * An {@code eval:} expression that cannot be parsed or evaluated. Filters treat it as "no match",
 * as Sensu does with any error raised by an eval attribute.
 */
public final class EvalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error described in words. */
    public EvalException(String message) {
        super(message);
    }
}
