package dev.reflex.runners.remote;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a remote runner asks an agent to run, in parts rather than as a finished shell string, so that
 * the agent checks its allow-list against the command as written and builds the shell command the same
 * way the SSH path does ({@code export … && cd <cwd> && <command>}, wrapped in sudo when asked).
 *
 * @param executionId  the execution, which also names the script's private directory
 * @param command      the command of {@code remote-shell-cmd}; empty for a script
 * @param script       the script of {@code remote-shell-script}; empty for a command
 * @param env          environment variables to export
 * @param cwd          the working directory
 * @param sudo         whether to run under sudo
 * @param sudoPassword the sudo password, if one was given (never printed)
 * @param timeout      how long the command may run; zero for no limit
 */
public record AgentCommand(String executionId, Optional<String> command, Optional<Script> script,
                           Map<String, String> env, String cwd, boolean sudo, Optional<String> sudoPassword,
                           Duration timeout) {

    public AgentCommand {
        Objects.requireNonNull(executionId, "executionId");
        env = Map.copyOf(env);
        if (command.isPresent() == script.isPresent()) {
            throw new IllegalArgumentException("an agent command has either a command or a script");
        }
    }

    /**
     * A script to copy into {@code <dir>/<execution id>/<name>} and run with {@code arguments}.
     *
     * @param name      the script's file name
     * @param content   the script's bytes
     * @param arguments the arguments as the SSH path builds them (already quoted for the shell)
     * @param dir       the base directory
     */
    public record Script(String name, byte[] content, String arguments, String dir) {
        @Override
        public String toString() {
            return "Script[" + name + " " + arguments + ", " + content.length + " bytes, dir=" + dir + "]";
        }
    }

    @Override
    public String toString() {
        return "AgentCommand[execution=" + executionId + ", " + command.map(c -> "command").orElse("script")
                + ", cwd=" + cwd + ", sudo=" + sudo + ", sudo_password=" + (sudoPassword.isPresent() ? "********" : "none")
                + ", timeout=" + timeout + "]";
    }
}
