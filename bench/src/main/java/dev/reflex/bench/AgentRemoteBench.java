package dev.reflex.bench;

import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.remote.RemoteRunnerConfig;
import dev.reflex.runners.remote.RemoteShellRunner;
import dev.reflex.runners.remote.SshConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code remote-shell-cmd} ({@code core.remote}'s runner) through a Reflex agent against the same
 * runner over SSH to a local OpenSSH server: one in-process Reflex server (SQLite, loopback HTTP and
 * WebSocket), one in-process agent connected to it with {@code allow_remote_commands: true}, and the
 * runner of the server wired to the agents' hub. Each run is a full runner call; agent and SSH runs
 * are interleaved one for one after a warm-up, so both see the same machine load.
 *
 * <p>Usage: {@code AgentRemoteBench RUNS KEY KNOWN_HOSTS SSH_PORT [COMMAND]} (command {@code true}).
 */
public final class AgentRemoteBench {

    private AgentRemoteBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path key = Path.of(args[1]);
        Path knownHosts = Path.of(args[2]);
        int sshPort = Integer.parseInt(args[3]);
        String command = args.length > 4 ? args[4] : "true";
        Path dir = Files.createTempDirectory("reflex-bench-agent-remote");
        RemoteRunnerConfig remote = RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(key);
        ReflexConfig config = ReflexConfig.defaults().withDataDir(dir.resolve("server"))
                .withHttp(ReflexConfig.Http.defaults().withPort(0));
        try (App app = new App(config, Clock.systemUTC(), RunnerSettings.defaults().withRemote(remote)).start()) {
            Path client = dir.resolve("client.yaml");
            Files.writeString(client, """
                    client:
                      name: bench-agent
                      address: 192.0.2.1
                      subscriptions: []
                      socket: {bind: 127.0.0.1, port: 0}
                      http_socket: {bind: 127.0.0.1, port: 0}
                      allow_remote_commands: true
                    """);
            var settings = AgentSettings.load(List.of(client));
            if (!settings.problems().isEmpty()) {
                throw new IllegalStateException(settings.problems().toString());
            }
            try (Agent agent = new Agent(settings.value(), "http://127.0.0.1:" + app.httpPort(), null,
                    dir.resolve("agent"), Clock.systemUTC()).start();
                 SshConnections ssh = new SshConnections(remote, Clock.systemUTC())) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!app.sensu().hub().connectedClients().contains("bench-agent")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the agent did not connect");
                    }
                    Thread.sleep(50);
                }
                RemoteShellRunner runner = RemoteShellRunner.command(ssh, app.sensu().hub().commands());
                String sshHost = "127.0.0.1:" + sshPort;
                for (int i = 0; i < Math.max(10, runs / 10); i++) {
                    once(runner, "bench-agent", command, "agent:bench-agent");
                    once(runner, sshHost, command, "ssh");
                }
                long[] viaAgent = new long[runs];
                long[] viaSsh = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    once(runner, "bench-agent", command, "agent:bench-agent");
                    long t1 = System.nanoTime();
                    once(runner, sshHost, command, "ssh");
                    long t2 = System.nanoTime();
                    viaAgent[i] = t1 - t0;
                    viaSsh[i] = t2 - t1;
                }
                double[] a = stats(viaAgent);
                double[] s = stats(viaSsh);
                System.out.printf(Locale.ROOT, "core.remote `%s`, %d interleaved runs each (latency in ms)%n", command, runs);
                System.out.printf(Locale.ROOT, "  through the agent (WebSocket)   p50 %6.2f  p99 %6.2f  mean %6.2f%n", a[0], a[1], a[2]);
                System.out.printf(Locale.ROOT, "  over SSH (pooled session)       p50 %6.2f  p99 %6.2f  mean %6.2f%n", s[0], s[1], s[2]);
                System.out.printf(Locale.ROOT, "agent-remote: agent p50 %.2f ms p99 %.2f ms; ssh p50 %.2f ms p99 %.2f ms; mean ratio agent/ssh %.2f%n",
                        a[0], a[1], s[0], s[1], a[2] / s[2]);
            }
        }
    }

    private static void once(RemoteShellRunner runner, String host, String command, String via) {
        RunOutcome outcome = runner.run(RunRequest.of("bench", "core.remote")
                .withRunnerParameters(Map.of("hosts", host, "cmd", command)), RunContext.standalone(Clock.systemUTC()));
        Object entry = outcome.result().values().iterator().next();
        if (!(outcome instanceof RunOutcome.Succeeded) || !(entry instanceof Map<?, ?> m) || !via.equals(m.get("via"))) {
            throw new IllegalStateException("unexpected outcome on " + host + ": " + outcome.result());
        }
    }

    /** p50, p99 and mean in milliseconds. */
    private static double[] stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {pct(sorted, 0.50), pct(sorted, 0.99), Arrays.stream(sorted).average().orElse(0) / 1e6};
    }

    private static double pct(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
