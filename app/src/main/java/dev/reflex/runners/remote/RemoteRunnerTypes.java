package dev.reflex.runners.remote;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunnerType;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of the two remote runners, with the runner parameters, types, defaults and flags
 * that StackStorm's {@code remote_runner/runner.yaml} declares.
 */
public final class RemoteRunnerTypes {

    /** {@code remote-shell-cmd}: runs the {@code cmd} parameter on every host. */
    public static final RunnerType COMMAND = RunnerType.of("remote-shell-cmd",
            "Runs a shell command on remote hosts over SSH.", parameters(true));

    /** {@code remote-shell-script}: uploads the action's script to every host and runs it there. */
    public static final RunnerType SCRIPT = RunnerType.of("remote-shell-script",
            "Copies an action's script to remote hosts over SSH and runs it there with the action parameters as arguments.",
            parameters(false));

    private RemoteRunnerTypes() {
    }

    private static List<ParameterSpec> parameters(boolean command) {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.of("bastion_host", ParameterType.STRING)
                .withDescription("A host to reach the targets through, connected to with the same credentials."));
        if (command) {
            specs.add(ParameterSpec.of("cmd", ParameterType.STRING).withDescription("The shell command to run on each host."));
        }
        specs.add(ParameterSpec.of("cwd", ParameterType.STRING).withDefault("/tmp")
                .withDescription("Working directory on the remote host."));
        ParameterSpec dir = ParameterSpec.of("dir", ParameterType.STRING).withDefault("/tmp")
                .withDescription("Remote directory under which the script is copied.");
        specs.add(command ? dir.asImmutable() : dir);
        specs.add(ParameterSpec.of("env", ParameterType.OBJECT)
                .withDescription("Environment variables exported before the command runs."));
        specs.add(ParameterSpec.of("hosts", ParameterType.STRING).asRequired()
                .withDescription("Comma-separated hosts, each optionally host:port (IPv6 as [addr]:port)."));
        specs.add(ParameterSpec.of("kwarg_op", ParameterType.STRING).withDefault("--")
                .withDescription("Prefix of named script arguments, such as -- or -."));
        specs.add(ParameterSpec.of("parallel", ParameterType.BOOLEAN).withDefault(false).asImmutable()
                .withDescription("Runs on several hosts at once."));
        specs.add(ParameterSpec.of("passphrase", ParameterType.STRING).asSecret()
                .withDescription("Passphrase of the private key, if it has one."));
        specs.add(ParameterSpec.of("password", ParameterType.STRING).asSecret()
                .withDescription("Password to log in with; without it the private key is used."));
        specs.add(ParameterSpec.of("port", ParameterType.INTEGER)
                .withDescription("SSH port for hosts listed without one; 22 by default."));
        specs.add(ParameterSpec.of("private_key", ParameterType.STRING).asSecret()
                .withDescription("Private key text, a key file path, or a kv:NAME reference to a stored key."));
        specs.add(ParameterSpec.of("sudo", ParameterType.BOOLEAN).withDefault(false)
                .withDescription("Runs the command through sudo on the remote host."));
        specs.add(ParameterSpec.of("sudo_password", ParameterType.STRING).asSecret()
                .withDescription("Password for sudo when it asks for one; sent over the channel's standard input."));
        specs.add(ParameterSpec.of("timeout", ParameterType.INTEGER).withDefault(60)
                .withDescription("Seconds before the command is killed on each host."));
        specs.add(ParameterSpec.of("username", ParameterType.STRING)
                .withDescription("User to log in as; the configured default user when unset."));
        return specs;
    }
}
