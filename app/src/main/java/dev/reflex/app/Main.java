package dev.reflex.app;

import dev.reflex.cli.AgentCommand;
import picocli.CommandLine;

/** The {@code reflex} executable: parses the command line and hands over to a subcommand. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns the exit code (0 success, 1 failure, 2 usage).
     *
     * <p>{@code reflex agent …} is parsed by a command line holding only the agent command: building
     * the whole command tree would load (and keep in the agent's memory for its whole life) every
     * subcommand's classes and what their fields initialise, such as the template engine.
     */
    public static int run(String... args) {
        if (args.length > 0 && "agent".equals(args[0])) {
            CommandLine agent = ReflexCommand.configure(new CommandLine(new AgentCommand()));
            agent.setCommandName("reflex agent");
            return agent.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        return ReflexCommand.commandLine().execute(args);
    }
}
