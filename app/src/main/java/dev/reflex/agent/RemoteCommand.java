package dev.reflex.agent;

import dev.reflex.checks.JsonValues;
import dev.reflex.runners.shell.ShellCommands;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A remote runner's command as the server sends it in a {@code remote_run} message, read and checked:
 * {@code execution_id}, either {@code cmd} or {@code script} ({@code {name, content_base64, arguments,
 * dir}}), {@code env}, {@code cwd}, {@code sudo}, {@code sudo_password} (optional) and {@code timeout}
 * (seconds, 0 for none). The agent builds the shell command from these parts exactly as the SSH path
 * does, so the allow-list sees the command as the action wrote it.
 *
 * @param scriptPath where the script is written ({@code <dir>/<execution id>/<name>}), for a script
 */
record RemoteCommand(String executionId, Optional<String> cmd, Optional<String> scriptPath, byte[] scriptContent,
                     String arguments, String scriptDir, Map<String, String> env, String cwd, boolean sudo,
                     Optional<String> sudoPassword, long timeoutSeconds) {

    /**
     * Reads the {@code command} of a {@code remote_run} message.
     *
     * @throws IllegalArgumentException when a field is missing or unsafe
     */
    static RemoteCommand parse(Map<String, Object> m) {
        String executionId = string(m, "execution_id");
        if (!executionId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("execution_id may only hold letters, digits, '.', '_' and '-'");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> declared = JsonValues.asMap(m.get("env"));
        if (declared != null) {
            declared.forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        String cwd = m.get("cwd") instanceof String s && !s.isEmpty() ? s : "/tmp";
        boolean sudo = Boolean.TRUE.equals(m.get("sudo"));
        Optional<String> password = m.get("sudo_password") instanceof String s && !s.isEmpty()
                ? Optional.of(s) : Optional.empty();
        long timeout = m.get("timeout") instanceof Number n ? Math.max(0, n.longValue()) : 60;
        Map<String, Object> script = JsonValues.asMap(m.get("script"));
        if (script == null) {
            return new RemoteCommand(executionId, Optional.of(string(m, "cmd")), Optional.empty(), new byte[0], "", "",
                    env, cwd, sudo, password, timeout);
        }
        String name = string(script, "name");
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a script name may not hold '/'");
        }
        String dir = script.get("dir") instanceof String s && !s.isEmpty() ? s : "/tmp";
        if (!dir.startsWith("/")) {
            throw new IllegalArgumentException("the script directory must be an absolute path");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(string(script, "content_base64"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content_base64 is not base64");
        }
        String arguments = script.get("arguments") instanceof String s ? s : "";
        String path = dir.replaceAll("/+$", "") + "/" + executionId + "/" + name;
        return new RemoteCommand(executionId, Optional.empty(), Optional.of(path), content, arguments, dir, env, cwd,
                sudo, password, timeout);
    }

    private static String string(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("the command lacks " + key);
        }
        return s;
    }

    /** The command as the action wrote it, which the allow-list is matched against. */
    String asWritten() {
        return cmd.orElseGet(() -> {
            String name = scriptPath.orElseThrow().substring(scriptPath.orElseThrow().lastIndexOf('/') + 1);
            return arguments.isEmpty() ? name : name + " " + arguments;
        });
    }

    /** The shell command, built as the SSH path builds it. */
    String shellCommand() {
        return cmd.map(c -> ShellCommands.remoteCommand(c, env, cwd, sudo, sudoPassword.isPresent()))
                .orElseGet(() -> ShellCommands.remoteScript(scriptPath.orElseThrow(), arguments, env, cwd, sudo,
                        sudoPassword.isPresent()));
    }

    /** The script's private directory, {@code <dir>/<execution id>}. */
    String executionDir() {
        return scriptDir.replaceAll("/+$", "") + "/" + executionId;
    }

    @Override
    public String toString() {
        return "RemoteCommand[execution=" + executionId + ", sudo=" + sudo + "]";
    }
}
