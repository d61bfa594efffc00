package dev.reflex.runners.local;

import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Secrets;
import dev.reflex.runners.shell.PythonStr;
import dev.reflex.runners.shell.ScriptArguments;
import dev.reflex.runners.shell.ShellCommands;
import dev.reflex.runners.shell.ShellResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code local-shell-cmd} and {@code local-shell-script} runners. The command (the {@code cmd}
 * parameter, or the entry-point script followed by the arguments {@link ScriptArguments} builds from
 * the action parameters) runs through {@code /bin/sh -c} in a new session, optionally wrapped in
 * {@code sudo -E -- bash -c}. The result is StackStorm's {@code {failed, succeeded, return_code,
 * stdout, stderr}}; on timeout the return code is {@code -9}, the result carries
 * {@code "error": "Action failed to complete in N seconds"} and the outcome is
 * {@link RunOutcome.TimedOut}; the whole process tree is killed on timeout and on cancellation.
 */
public final class LocalShellRunner implements Runner {

    private static final List<String> CLEAN_ENV_KEEP =
            List.of("PATH", "HOME", "LANG", "LC_ALL", "USER", "LOGNAME", "SHELL", "TMPDIR");

    private final RunnerType type;
    private final boolean script;
    private final LocalRunnerConfig config;

    private LocalShellRunner(RunnerType type, boolean script, LocalRunnerConfig config) {
        this.type = type;
        this.script = script;
        this.config = config;
    }

    /** The {@code local-shell-cmd} runner. */
    public static LocalShellRunner command(LocalRunnerConfig config) {
        return new LocalShellRunner(LocalRunnerTypes.COMMAND, false, config);
    }

    /** The {@code local-shell-script} runner. */
    public static LocalShellRunner script(LocalRunnerConfig config) {
        return new LocalShellRunner(LocalRunnerTypes.SCRIPT, true, config);
    }

    @Override
    public RunnerType type() {
        return type;
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false, "error", "canceled before start"));
        }
        ParameterValues params = new ParameterValues(type, request);
        Process process;
        long timeoutSeconds;
        Optional<String> sudoPassword;
        try {
            timeoutSeconds = params.integer("timeout").orElse(60L);
            sudoPassword = params.string("sudo_password").filter(s -> !s.isEmpty())
                    .map(s -> Secrets.resolve(s, context.secrets()));
            String command = commandLine(request, params, sudoPassword.isPresent());
            ProcessBuilder builder = new ProcessBuilder(ProcessTree.shellCommand(command));
            params.string("cwd").filter(s -> !s.isEmpty()).ifPresent(cwd -> builder.directory(Path.of(cwd).toFile()));
            environment(builder.environment(), request, params);
            process = builder.start();
        } catch (IllegalArgumentException | IOException e) {
            return RunOutcome.failure(e.getMessage());
        }
        ProcessExecution.Completed done = ProcessExecution.await(process,
                sudoPassword.map(p -> p + "\n"), Duration.ofSeconds(timeoutSeconds), context.cancellation(),
                context.output());
        return outcome(done, timeoutSeconds, sudoPassword.isPresent(), context);
    }

    private String commandLine(RunRequest request, ParameterValues params, boolean sudoPassword) {
        boolean sudo = params.bool("sudo");
        if (!script) {
            if (request.entryPoint().isPresent()) {
                throw new IllegalArgumentException("entry_point is only valid for local-shell-script runner");
            }
            return ShellCommands.localCommand(params.requiredString("cmd"), sudo, sudoPassword);
        }
        Path path = request.entryPoint()
                .orElseThrow(() -> new IllegalArgumentException("Missing entry_point action metadata attribute"));
        makeExecutable(path);
        String arguments = ScriptArguments.build(request.actionParameters(), request.actionParameterSpecs(),
                params.string("kwarg_op").orElse("--"));
        return ShellCommands.localScript(path.toString(), arguments, sudo, sudoPassword);
    }

    private void environment(Map<String, String> env, RunRequest request, ParameterValues params) {
        if (!config.inheritEnvironment()) {
            env.keySet().retainAll(CLEAN_ENV_KEEP);
        }
        params.object("env").forEach((k, v) -> env.put(k, v == null ? "" : PythonStr.str(v)));
        env.put("ST2_ACTION_PACK_NAME", request.pack());
        env.put("ST2_ACTION_EXECUTION_ID", request.executionId());
        config.apiUrl().ifPresent(url -> env.put("ST2_ACTION_API_URL", url));
        if (script) {
            env.put("ST2_ACTION_DEBUG", params.bool("debug") ? "True" : "False");
        }
    }

    private static RunOutcome outcome(ProcessExecution.Completed done, long timeoutSeconds, boolean sudoPassword,
                                      RunContext context) {
        int code = done.ending() == ProcessExecution.Ending.EXITED ? done.exitCode() : ShellResults.TIMEOUT_EXIT_CODE;
        Map<String, Object> result = ShellResults.of(code, done.stdout(), done.stderr());
        Optional<String> sudoError = sudoPassword ? ShellResults.sudoPasswordError(done.stderr()) : Optional.empty();
        if (sudoError.isPresent()) {
            result.put("return_code", -1);
            result.put("error", sudoError.get());
            return new RunOutcome.Failed(result);
        }
        return switch (done.ending()) {
            case TIMED_OUT -> {
                result.put("error", "Action failed to complete in " + timeoutSeconds + " seconds");
                yield new RunOutcome.TimedOut(result);
            }
            case CANCELED -> {
                result.put("error", "Action was canceled: " + context.cancellation().reason().orElse("canceled"));
                yield new RunOutcome.Canceled(result);
            }
            case EXITED -> code == 0 ? new RunOutcome.Succeeded(result) : new RunOutcome.Failed(result);
        };
    }

    private static void makeExecutable(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("entry point " + path + " is not a file");
        }
        if (Files.isExecutable(path)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(path));
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("entry point " + path + " is not executable and cannot be made so");
        }
    }
}
