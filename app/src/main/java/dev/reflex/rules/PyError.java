package dev.reflex.rules;

/**
 * What Python would raise while evaluating a criterion ({@code TypeError}, {@code AttributeError},
 * {@code ValueError}…); its message is Python's, as StackStorm puts {@code str(exc)} into the
 * failure reason of the enforcement.
 */
final class PyError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PyError(String message) {
        super(message, null, false, false);
    }
}
