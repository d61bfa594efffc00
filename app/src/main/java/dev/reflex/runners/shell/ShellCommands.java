package dev.reflex.runners.shell;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The command strings StackStorm's shell runners send to the shell. With {@code sudo} the whole
 * command runs as {@code sudo -E -- bash -c '<command>'}, with {@code -S} added when a sudo password
 * is given (the password then goes to the process's standard input, never onto the command line).
 * Remote commands first export the environment (sorted, keys and values quoted) and change to the
 * working directory: {@code export K=V && cd /tmp && <command>}.
 */
public final class ShellCommands {

    private ShellCommands() {
    }

    /** A local command: as given, or wrapped in sudo. */
    public static String localCommand(String command, boolean sudo, boolean sudoPassword) {
        return sudo ? sudo(command, sudoPassword) : command;
    }

    /** A local script with its arguments; the path is quoted. */
    public static String localScript(String scriptPath, String arguments, boolean sudo, boolean sudoPassword) {
        if (sudo) {
            return sudo(arguments.isEmpty() ? scriptPath : scriptPath + " " + arguments, sudoPassword);
        }
        String quoted = ShellQuote.quote(scriptPath);
        return arguments.isEmpty() ? quoted : quoted + " " + arguments;
    }

    /** A remote command: environment exports, {@code cd}, then the command, wrapped in sudo if asked. */
    public static String remoteCommand(String command, Map<String, String> env, String cwd, boolean sudo,
                                       boolean sudoPassword) {
        String exports = exportString(env);
        String body = (exports.isEmpty() ? "" : exports + " && ") + "cd " + ShellQuote.quote(cwd) + " && " + command;
        return sudo ? sudo(body, sudoPassword) : body;
    }

    /** A remote script with its arguments, run like {@link #remoteCommand}; the path is quoted. */
    public static String remoteScript(String remotePath, String arguments, Map<String, String> env, String cwd,
                                      boolean sudo, boolean sudoPassword) {
        String script = ShellQuote.quote(remotePath) + (arguments.isEmpty() ? "" : " " + arguments);
        return remoteCommand(script, env, cwd, sudo, sudoPassword);
    }

    /** {@code export K1=V1 K2=V2} with keys sorted and every key and value quoted; empty for no variables. */
    public static String exportString(Map<String, String> env) {
        if (env.isEmpty()) {
            return "";
        }
        return "export " + new TreeMap<>(env).entrySet().stream()
                .map(e -> ShellQuote.quote(e.getKey()) + "=" + ShellQuote.quote(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String sudo(String command, boolean sudoPassword) {
        return "sudo " + (sudoPassword ? "-S " : "") + "-E -- bash -c " + ShellQuote.quote(command);
    }
}
