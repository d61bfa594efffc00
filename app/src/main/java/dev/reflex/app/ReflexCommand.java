package dev.reflex.app;

import dev.reflex.cli.ActionCommand;
import dev.reflex.cli.ExecutionCommand;
import dev.reflex.cli.KeyCommand;
import dev.reflex.cli.PackCommand;
import dev.reflex.cli.RuleCommand;
import dev.reflex.cli.RunCommand;
import dev.reflex.cli.TriggerCommands;
import dev.reflex.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command tree; each role and client verb is a subcommand. */
@Command(name = "reflex", mixinStandardHelpOptions = true, versionProvider = ReflexCommand.Version.class,
        description = "Event-driven operations platform: watch, decide, act, record.",
        subcommands = {CommandLine.HelpCommand.class, ServerCommand.class, UpCommand.class, KeyCommand.class, PackCommand.class,
                ValidateCommand.class, RuleCommand.class, TriggerCommands.Triggers.class, TriggerCommands.TriggerTypes.class,
                TriggerCommands.TriggerInstances.class, TriggerCommands.RuleEnforcements.class, ActionCommand.class,
                RunCommand.class, ExecutionCommand.class, dev.reflex.cli.InquiryCommand.class,
                dev.reflex.cli.TraceCommand.class,
                dev.reflex.cli.AgentCommand.class, dev.reflex.cli.EventCommand.class,
                dev.reflex.cli.MonitoredClientCommand.class, dev.reflex.cli.CheckCommand.class,
                dev.reflex.cli.SilenceCommand.class, dev.reflex.cli.ResultCommand.class})
public final class ReflexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with Reflex's exit-code conventions: 0 success, 1 failure, 2 usage. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new ReflexCommand()));
    }

    /** Gives {@code cl} Reflex's exit-code conventions (see {@link #commandLine()}); returns it. */
    static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CommandLine.ParameterException pe) {
                cmd.getErr().println("reflex: " + pe.getMessage());
                pe.getCommandLine().usage(cmd.getErr());
                cmd.getErr().flush();
                return 2;
            }
            cmd.getErr().println("reflex: " + e);
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the version recorded in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"reflex " + version(), "java " + Runtime.version()};
        }
    }

    /** The version of this build, from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = ReflexCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
