package dev.reflex.runners.local;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunnerType;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of the two local runners, with the runner parameters, types and defaults that
 * StackStorm's {@code local_runner/runner.yaml} declares.
 */
public final class LocalRunnerTypes {

    /** {@code local-shell-cmd}: runs the {@code cmd} parameter. */
    public static final RunnerType COMMAND = RunnerType.of("local-shell-cmd",
            "Runs a shell command on the Reflex host.", common(true));

    /** {@code local-shell-script}: runs the action's entry-point script with the action parameters as arguments. */
    public static final RunnerType SCRIPT = RunnerType.of("local-shell-script",
            "Runs an action's script on the Reflex host, passing the action parameters as arguments.", common(false));

    private LocalRunnerTypes() {
    }

    private static List<ParameterSpec> common(boolean command) {
        List<ParameterSpec> specs = new ArrayList<>();
        if (command) {
            specs.add(ParameterSpec.of("cmd", ParameterType.STRING).withDescription("The shell command to run."));
        } else {
            specs.add(ParameterSpec.of("debug", ParameterType.BOOLEAN).withDefault(false)
                    .withDescription("Turns on the runner's debug mode (ST2_ACTION_DEBUG)."));
            specs.add(ParameterSpec.of("content_version", ParameterType.STRING)
                    .withDescription("Git revision of the pack content to use (accepted, not used yet)."));
        }
        specs.add(ParameterSpec.of("cwd", ParameterType.STRING)
                .withDescription("Working directory of the command; the Reflex process's own when unset."));
        specs.add(ParameterSpec.of("env", ParameterType.OBJECT)
                .withDescription("Extra environment variables for the command."));
        specs.add(ParameterSpec.of("kwarg_op", ParameterType.STRING).withDefault("--")
                .withDescription("Prefix of named script arguments, such as -- or -."));
        specs.add(ParameterSpec.of("sudo", ParameterType.BOOLEAN).withDefault(false)
                .withDescription("Runs the command through sudo."));
        specs.add(ParameterSpec.of("sudo_password", ParameterType.STRING).asSecret()
                .withDescription("Password for sudo when it asks for one; given on standard input."));
        specs.add(ParameterSpec.of("timeout", ParameterType.INTEGER).withDefault(60)
                .withDescription("Seconds before the command and all its children are killed."));
        return specs;
    }
}
