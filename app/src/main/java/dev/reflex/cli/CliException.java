package dev.reflex.cli;

/** A failure a CLI command reports as one line on stderr, exiting with status 1. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
