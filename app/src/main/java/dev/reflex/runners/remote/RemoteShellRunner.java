package dev.reflex.runners.remote;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputSink;
import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Secrets;
import dev.reflex.runners.remote.HostResults.HostResult;
import dev.reflex.runners.remote.HostResults.HostStatus;
import dev.reflex.runners.shell.ScriptArguments;
import dev.reflex.runners.shell.ShellCommands;
import dev.reflex.runners.shell.ShellResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.LongFunction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code remote-shell-cmd} and {@code remote-shell-script} runners. For each entry of
 * {@code hosts} it takes a pooled SSH session, runs StackStorm's command string
 * ({@code export … && cd <cwd> && <command>}, wrapped in {@code sudo -E -- bash -c} when asked) and
 * records the host's entry; the script runner first copies the script into
 * {@code <dir>/<execution id>/} (a fresh private directory) and removes it afterwards. The result
 * is keyed by host name as StackStorm's (by the entry as written when two entries share a host
 * name); the execution succeeds only if every host succeeded, times out if every host timed out,
 * and fails otherwise. Live output is streamed when there is a single host, as in StackStorm.
 * Hosts are done one after the other unless {@code parallel} is true; a pooled session found dead
 * when the first channel is opened is replaced once, since nothing ran on it.
 *
 * <p>A host served by a connected Reflex agent (matched by client name, then address, through
 * {@link AgentRoutes}) is not reached over SSH: the command (or the script's content and arguments)
 * goes to the agent, which runs it as the SSH path would and answers with the same per-host entry.
 * Every entry says how it ran: {@code "via": "agent:<client name>"} or {@code "via": "ssh"}.
 */
public final class RemoteShellRunner implements Runner {

    private final RunnerType type;
    private final boolean script;
    private final SshConnections connections;
    private final AgentRoutes agents;

    private RemoteShellRunner(RunnerType type, boolean script, SshConnections connections, AgentRoutes agents) {
        this.type = type;
        this.script = script;
        this.connections = connections;
        this.agents = agents;
    }

    /** The {@code remote-shell-cmd} runner over the given connections, SSH only. */
    public static RemoteShellRunner command(SshConnections connections) {
        return command(connections, AgentRoutes.NONE);
    }

    /** The {@code remote-shell-script} runner over the given connections, SSH only. */
    public static RemoteShellRunner script(SshConnections connections) {
        return script(connections, AgentRoutes.NONE);
    }

    /** The {@code remote-shell-cmd} runner: through the host's agent when one is connected, else over SSH. */
    public static RemoteShellRunner command(SshConnections connections, AgentRoutes agents) {
        return new RemoteShellRunner(RemoteRunnerTypes.COMMAND, false, connections, agents);
    }

    /** The {@code remote-shell-script} runner: through the host's agent when one is connected, else over SSH. */
    public static RemoteShellRunner script(SshConnections connections, AgentRoutes agents) {
        return new RemoteShellRunner(RemoteRunnerTypes.SCRIPT, true, connections, agents);
    }

    @Override
    public RunnerType type() {
        return type;
    }

    /**
     * Everything one execution needs on every host; {@code agents} says, per host, which agent serves
     * it (empty: SSH), and {@code credentials} is null when no host needs SSH.
     */
    private record Plan(List<HostAddress> hosts, List<Optional<String>> agents, SshCredentials credentials,
                        Optional<HostAddress> bastion, String command, RemoteExec.Options exec, Optional<Upload> upload,
                        boolean sudoPassword, boolean parallel, AgentCommand agentCommand) {

        Duration timeout() {
            return exec.timeout();
        }

        boolean pty() {
            return exec.pty();
        }
    }

    /** The script to copy before running it. */
    private record Upload(byte[] content, String baseDir, String executionDir, String path) {
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false, "error", "canceled before start"));
        }
        Plan plan;
        try {
            plan = plan(request, context);
        } catch (IllegalArgumentException | IOException e) {
            return RunOutcome.failure(e.getMessage());
        }
        List<String> keys = resultKeys(plan.hosts());
        OutputSink sink = plan.hosts().size() == 1 ? context.output() : OutputSink.DISCARD;
        List<HostResult> results = runAll(plan, context.cancellation(), sink);
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>(results.get(i).entry());
            entry.put("via", plan.agents().get(i).map(a -> "agent:" + a).orElse("ssh"));
            result.put(keys.get(i), entry);
        }
        return outcome(results, result);
    }

    private Plan plan(RunRequest request, RunContext context) throws IOException {
        RemoteRunnerConfig config = connections.config();
        ParameterValues p = new ParameterValues(type, request);
        int defaultPort = p.integer("port").map(Long::intValue).orElse(config.defaultPort());
        List<HostAddress> hosts = HostAddress.parseList(p.string("hosts").orElse(""), defaultPort);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("No hosts specified to run action for action " + request.executionId() + ".");
        }
        List<Optional<String>> routes = hosts.stream().map(h -> agents.agentFor(h.host())).toList();
        String user = p.string("username").filter(s -> !s.isEmpty()).orElse(config.defaultUsername());
        SshCredentials credentials = routes.stream().allMatch(Optional::isPresent) ? null
                : SshCredentials.resolve(user, p.string("password"), p.string("private_key"), p.string("passphrase"),
                        config.defaultPrivateKey(), context.secrets());
        Optional<HostAddress> bastion = p.string("bastion_host").filter(s -> !s.isBlank())
                .map(b -> HostAddress.parse(b.trim(), config.defaultPort()));
        boolean sudo = p.bool("sudo");
        Optional<String> sudoPassword = p.string("sudo_password").filter(s -> !s.isEmpty())
                .map(s -> Secrets.resolve(s, context.secrets()));
        Duration timeout = Duration.ofSeconds(p.integer("timeout").orElse(60L));
        String cwd = p.string("cwd").filter(s -> !s.isEmpty()).orElse("/tmp");
        Map<String, String> env = new LinkedHashMap<>(ParameterValues.stringValues(p.object("env")));
        env.put("ST2_ACTION_PACK_NAME", request.pack());
        env.put("ST2_ACTION_EXECUTION_ID", request.executionId());
        config.apiUrl().ifPresent(url -> env.put("ST2_ACTION_API_URL", url));

        String command;
        Optional<Upload> upload = Optional.empty();
        AgentCommand agentCommand;
        Duration agentTimeout = timeout.isNegative() ? Duration.ZERO : timeout;
        if (!script) {
            if (request.entryPoint().isPresent()) {
                throw new IllegalArgumentException("Action \"" + request.actionRef() + "\" specified \"entry_point\" attribute."
                        + " Perhaps wanted to use \"remote-shell-script\" runner?");
            }
            String cmd = p.requiredString("cmd");
            command = ShellCommands.remoteCommand(cmd, env, cwd, sudo, sudoPassword.isPresent());
            agentCommand = new AgentCommand(request.executionId(), Optional.of(cmd), Optional.empty(), env, cwd, sudo,
                    sudoPassword, agentTimeout);
        } else {
            Path entryPoint = request.entryPoint().orElseThrow(() -> new IllegalArgumentException("Action \""
                    + request.actionRef() + "\" is missing \"entry_point\" attribute. Perhaps wanted to use"
                    + " \"remote-shell-cmd\" runner?"));
            if (!request.executionId().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("execution id " + request.executionId()
                        + " cannot name a remote directory (letters, digits, '.', '_' and '-' only)");
            }
            String baseDir = p.string("dir").filter(s -> !s.isEmpty()).orElse("/tmp");
            String executionDir = baseDir.replaceAll("/+$", "") + "/" + request.executionId();
            String remotePath = executionDir + "/" + entryPoint.getFileName();
            upload = Optional.of(new Upload(Files.readAllBytes(entryPoint), baseDir, executionDir, remotePath));
            String arguments = ScriptArguments.build(request.actionParameters(), request.actionParameterSpecs(),
                    p.string("kwarg_op").orElse("--"));
            command = ShellCommands.remoteScript(remotePath, arguments, env, cwd, sudo, sudoPassword.isPresent());
            agentCommand = new AgentCommand(request.executionId(), Optional.empty(), Optional.of(new AgentCommand.Script(
                    entryPoint.getFileName().toString(), upload.get().content(), arguments, baseDir)), env, cwd, sudo,
                    sudoPassword, agentTimeout);
        }
        boolean pty = sudo && sudoPassword.isEmpty();
        Optional<byte[]> stdin = sudoPassword.map(pw -> (pw + "\n").getBytes(StandardCharsets.UTF_8));
        boolean withPassword = sudoPassword.isPresent();
        LongFunction<String> kill = sudo
                ? pgid -> ShellCommands.localCommand(RemoteExec.plainKill(pgid), true, withPassword)
                : RemoteExec::plainKill;
        RemoteExec.Options exec = new RemoteExec.Options(pty, stdin, timeout, config.connectTimeout(), kill);
        return new Plan(hosts, routes, credentials, bastion, command, exec, upload, withPassword, p.bool("parallel"),
                agentCommand);
    }

    private List<HostResult> runAll(Plan plan, Cancellation cancellation, OutputSink sink) {
        boolean parallel = plan.parallel() && plan.hosts().size() > 1;
        List<HostResult> results = new ArrayList<>();
        if (!parallel) {
            for (int i = 0; i < plan.hosts().size(); i++) {
                results.add(runOnHost(i, plan, cancellation, sink));
            }
            return results;
        }
        Semaphore slots = new Semaphore(Math.min(plan.hosts().size(), connections.config().maxParallel()));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HostResult>> tasks = new ArrayList<>();
            for (int i = 0; i < plan.hosts().size(); i++) {
                int index = i;
                tasks.add(threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        return runOnHost(index, plan, cancellation, sink);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<HostResult> task : tasks) {
                results.add(await(task, cancellation));
            }
        }
        return results;
    }

    private static HostResult await(Future<HostResult> task, Cancellation cancellation) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancellation.cancel("interrupted");
                } catch (ExecutionException e) {
                    return HostResults.failed("Failed executing command: " + e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HostResult runOnHost(int index, Plan plan, Cancellation cancellation, OutputSink sink) {
        HostAddress host = plan.hosts().get(index);
        Optional<String> agent = plan.agents().get(index);
        if (agent.isPresent()) {
            return AgentHostRun.run(agents, agent.get(), host, plan.agentCommand(), cancellation, sink);
        }
        for (int attempt = 1; ; attempt++) {
            if (cancellation.isCancelled()) {
                return HostResults.canceled(cancellation.reason().orElse("canceled"), "", "", false);
            }
            SshSessionPool.Lease lease;
            try {
                lease = connections.open(host, plan.credentials(), plan.bastion());
            } catch (SshConnections.SshFailure e) {
                return HostResults.failed(e.getMessage());
            }
            try (lease) {
                return runWithLease(lease, host, plan, cancellation, sink);
            } catch (RemoteExec.NotStarted e) {
                lease.invalidate();
                if (attempt > 1) {
                    return execFailure(lease, host, e);
                }
                // nothing ran: the pooled session had gone away; connect again once
            } catch (IOException e) {
                lease.invalidate();
                return execFailure(lease, host, e);
            }
        }
    }

    /** A session that broke under a command; a host key refused at a key re-exchange is said as such. */
    private static HostResult execFailure(SshSessionPool.Lease lease, HostAddress host, IOException e) {
        return HostResults.failed(HostKeyVerifier.refusal(lease.session())
                .orElseGet(() -> "Failed executing command on host \"" + host.host() + "\": " + e.getMessage()));
    }

    /** Runs on one leased session; {@link RemoteExec.NotStarted} escapes only when nothing ran yet. */
    private HostResult runWithLease(SshSessionPool.Lease lease, HostAddress host, Plan plan, Cancellation cancellation,
                                    OutputSink sink) throws IOException {
        if (plan.upload().isPresent()) {
            Optional<HostResult> failed = copyScript(lease, host, plan, cancellation);
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        try {
            RemoteExec.Completed done = RemoteExec.run(lease.session(), plan.command(), plan.exec(), cancellation, sink);
            return hostResult(done, host, plan, cancellation);
        } catch (RemoteExec.NotStarted e) {
            if (plan.upload().isPresent()) {
                throw new IOException(e.getMessage(), e);
            }
            throw e;
        } finally {
            plan.upload().ifPresent(u -> removeScript(lease, u));
        }
    }

    private HostResult hostResult(RemoteExec.Completed done, HostAddress host, Plan plan, Cancellation cancellation) {
        return switch (done.ending()) {
            case TIMED_OUT -> HostResults.timedOut(plan.timeout().toSeconds(), host.host(), done.stdout(), done.stderr(), plan.pty());
            case CANCELED -> HostResults.canceled(cancellation.reason().orElse("canceled"), done.stdout(), done.stderr(), plan.pty());
            case EXITED -> {
                Optional<String> sudoError = plan.sudoPassword() ? ShellResults.sudoPasswordError(done.stderr()) : Optional.empty();
                yield sudoError.map(HostResults::failed)
                        .orElseGet(() -> HostResults.finished(done.exitStatus(), done.stdout(), done.stderr(), plan.pty()));
            }
        };
    }

    private Optional<HostResult> copyScript(SshSessionPool.Lease lease, HostAddress host, Plan plan,
                                            Cancellation cancellation) throws IOException {
        Upload upload = plan.upload().orElseThrow();
        String copy = "umask 077 && mkdir -p -- " + q(upload.baseDir()) + " && mkdir -- " + q(upload.executionDir())
                + " && cat > " + q(upload.path()) + " && chmod 0744 -- " + q(upload.path());
        RemoteExec.Completed done = RemoteExec.run(lease.session(), copy, new RemoteExec.Options(false,
                Optional.of(upload.content()), plan.timeout(), connections.config().connectTimeout(), RemoteExec::plainKill),
                cancellation, OutputSink.DISCARD);
        return switch (done.ending()) {
            case EXITED -> done.exitStatus() == 0 ? Optional.empty() : Optional.of(HostResults.failed(
                    "Failed copying content to remote boxes. " + ShellResults.stripShellChars(done.stderr())));
            case TIMED_OUT -> Optional.of(HostResults.timedOut(plan.timeout().toSeconds(), host.host(), "", "", false));
            case CANCELED -> Optional.of(HostResults.canceled(cancellation.reason().orElse("canceled"), "", "", false));
        };
    }

    private void removeScript(SshSessionPool.Lease lease, Upload upload) {
        try {
            RemoteExec.run(lease.session(), "rm -rf -- " + q(upload.executionDir()), new RemoteExec.Options(false,
                    Optional.empty(), Duration.ofSeconds(30), connections.config().connectTimeout(), RemoteExec::plainKill),
                    new Cancellation(), OutputSink.DISCARD);
        } catch (IOException e) {
            // the directory stays behind; the next run uses a new execution id
        }
    }

    private static RunOutcome outcome(List<HostResult> hosts, Map<String, Object> result) {
        if (hosts.stream().anyMatch(h -> h.status() == HostStatus.CANCELED)) {
            return new RunOutcome.Canceled(result);
        }
        if (hosts.stream().allMatch(h -> h.status() == HostStatus.SUCCEEDED)) {
            return new RunOutcome.Succeeded(result);
        }
        if (hosts.stream().allMatch(h -> h.status() == HostStatus.TIMED_OUT)) {
            return new RunOutcome.TimedOut(result);
        }
        return new RunOutcome.Failed(result);
    }

    /** Result keys: the host name, as StackStorm keys them, unless two entries share it. */
    static List<String> resultKeys(List<HostAddress> hosts) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (HostAddress host : hosts) {
            if (!seen.add(host.host())) {
                duplicated.add(host.host());
            }
        }
        return hosts.stream().map(h -> duplicated.contains(h.host()) ? h.written() : h.host()).toList();
    }

    private static String q(String word) {
        return dev.reflex.runners.shell.ShellQuote.quote(word);
    }
}
