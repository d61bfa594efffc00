package dev.reflex.app;

import picocli.CommandLine;

/** The {@code reflex} executable: parses the command line and hands over to a subcommand. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 success, 1 failure, 2 usage). */
    public static int run(String... args) {
        return ReflexCommand.commandLine().execute(args);
    }
}
