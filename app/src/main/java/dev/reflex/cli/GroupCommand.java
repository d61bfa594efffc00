package dev.reflex.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Base of every command that only groups subcommands ({@code reflex key}, {@code reflex rule}…):
 * called alone, it is a usage error (exit 2) that names the subcommands it has.
 */
@CommandLine.Command
public abstract class GroupCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        names.remove("help");
        String list = names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: " + list);
    }
}
