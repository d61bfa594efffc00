package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;
import dev.reflex.app.App;
import dev.reflex.checks.JsonValues;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputType;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.remote.RemoteRunnerConfig;
import dev.reflex.runners.remote.RemoteShellRunner;
import dev.reflex.runners.remote.SshConnections;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.OpenSshServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote runners through real agents connected over a real WebSocket to a whole Reflex server:
 * {@code core.remote} and a linux pack script run on the agent, with StackStorm's per-host shape and
 * {@code via}; the agent refuses what its configuration does not allow; a timeout and a cancel kill the
 * process tree; a host without an agent is still reached over SSH (a real OpenSSH on loopback).
 */
class RemoteCommandsThroughAgentsTest {

    @TempDir
    static Path dir;
    static OpenSshServer ssh;
    static App app;
    static Http http;
    static final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        RunnerSettings runners = RunnerSettings.defaults();
        if (Files.isExecutable(OpenSshServer.SSHD)) {
            ssh = OpenSshServer.start();
            Path knownHosts = ssh.directory().resolve("known_hosts");
            Files.writeString(knownHosts, ssh.knownHostsLine() + "\n");
            runners = runners.withRemote(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(ssh.userKey()));
        }
        Path packs = Path.of(RemoteCommandsThroughAgentsTest.class.getResource("/packs/linux/pack.yaml").toURI())
                .getParent().getParent();
        app = new App(EmbeddedReflex.config(dir.resolve("server")).withPackPaths(List.of(packs)), Clock.systemUTC(),
                runners).start();
        http = Http.local(app.httpPort());
        agents.add(agent("agent-open", "192.0.2.10", "allow_remote_commands: true"));
        agents.add(agent("agent-closed", "192.0.2.11", ""));
        agents.add(agent("agent-listed", "192.0.2.12", """
                allow_remote_commands: true
                  allowed_remote_commands: ["uptime", "echo hello *", "re:printf [a-z]+", "check_loadavg.sh *"]"""));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.sensu().hub().connectedClients()
                .containsAll(List.of("agent-open", "agent-closed", "agent-listed")));
    }

    static Agent agent(String name, String address, String extra) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                client:
                  name: %s
                  address: %s
                  subscriptions: [linux]
                  socket: {bind: 127.0.0.1, port: 0}
                  http_socket: {bind: 127.0.0.1, port: 0}
                  %s
                """.formatted(name, address, extra));
        var settings = AgentSettings.load(List.of(config));
        assertThat(settings.problems()).isEmpty();
        return new Agent(settings.value(), "http://127.0.0.1:" + app.httpPort(), null, dir.resolve(name), Clock.systemUTC())
                .start();
    }

    @AfterAll
    static void stop() {
        agents.forEach(Agent::close);
        if (app != null) {
            app.close();
        }
        if (ssh != null) {
            ssh.close();
        }
    }

    static Map<String, Object> run(String action, Map<String, Object> parameters) {
        String id = start(action, parameters);
        return awaitDone(id);
    }

    @SuppressWarnings("unchecked")
    static String start(String action, Map<String, Object> parameters) {
        HttpResponse<String> r = http.post("/api/v1/executions",
                JsonValues.write(Map.of("action", action, "parameters", parameters)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) ((Map<String, Object>) JsonValues.read(r.body())).get("id");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitDone(String id) {
        Map<String, Object>[] last = new Map[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = (Map<String, Object>) JsonValues.read(http.get("/api/v1/executions/" + id).body());
            return List.of("succeeded", "failed", "timeout", "canceled", "abandoned").contains(last[0].get("status"));
        });
        return last[0];
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> host(Map<String, Object> execution, String key) {
        Map<String, Object> result = (Map<String, Object>) execution.get("result");
        assertThat(result).as("result of %s", execution).containsOnlyKeys(key);
        return (Map<String, Object>) result.get(key);
    }

    @Test
    void coreRemoteRunsThroughTheAgentNamedByHostsWithStackStormsShape() {
        Map<String, Object> done = run("core.remote", Map.of("hosts", "agent-open",
                "cmd", "echo '{\"a\": 1}'; echo oops >&2"));
        assertThat(done.get("status")).isEqualTo("succeeded");
        assertThat(host(done, "agent-open")).containsEntry("stdout", Map.of("a", 1L)).containsEntry("stderr", "oops")
                .containsEntry("return_code", 0L).containsEntry("succeeded", true).containsEntry("failed", false)
                .containsEntry("via", "agent:agent-open");

        Map<String, Object> env = run("core.remote", Map.of("hosts", "agent-open", "cwd", "/",
                "env", Map.of("WHO", "it's me"), "cmd", "echo \"$(pwd) $WHO $ST2_ACTION_PACK_NAME\"; exit 4"));
        assertThat(env.get("status")).isEqualTo("failed");
        assertThat(host(env, "agent-open")).containsEntry("stdout", "/ it's me core").containsEntry("return_code", 4L)
                .containsEntry("failed", true);
    }

    @Test
    void anAgentIsAlsoFoundByItsClientAddress() {
        Map<String, Object> done = run("core.remote", Map.of("hosts", "192.0.2.10", "cmd", "echo by-address"));
        assertThat(host(done, "192.0.2.10")).containsEntry("stdout", "by-address").containsEntry("via", "agent:agent-open");
    }

    @Test
    void theAgentRefusesWhatItsConfigurationDoesNotAllow() {
        Map<String, Object> closed = run("core.remote", Map.of("hosts", "agent-closed", "cmd", "echo no"));
        assertThat(closed.get("status")).isEqualTo("failed");
        assertThat(host(closed, "agent-closed")).containsEntry("failed", true).containsEntry("return_code", 255L)
                .containsEntry("via", "agent:agent-closed");
        assertThat((String) host(closed, "agent-closed").get("error"))
                .isEqualTo("Refused by agent agent-closed: remote commands are not allowed on this agent"
                        + " (allow_remote_commands is false)");

        Map<String, Object> injected = run("core.remote", Map.of("hosts", "agent-listed", "cmd", "echo hello world; id"));
        assertThat(injected.get("status")).isEqualTo("failed");
        assertThat((String) host(injected, "agent-listed").get("error")).contains("matches none of the 4 pattern(s)");

        Map<String, Object> glob = run("core.remote", Map.of("hosts", "agent-listed", "cmd", "echo hello world"));
        assertThat(host(glob, "agent-listed")).containsEntry("stdout", "hello world").containsEntry("succeeded", true);
        Map<String, Object> regex = run("core.remote", Map.of("hosts", "agent-listed", "cmd", "printf abc"));
        assertThat(host(regex, "agent-listed")).containsEntry("stdout", "abc");
        Map<String, Object> notWhole = run("core.remote", Map.of("hosts", "agent-listed", "cmd", "printf abc >/dev/null"));
        assertThat(notWhole.get("status")).isEqualTo("failed");
    }

    @Test
    void aTimeoutKillsTheProcessTreeOnTheAgent() throws Exception {
        Path pid = dir.resolve("timeout.pid");
        Map<String, Object> done = run("core.remote", Map.of("hosts", "agent-open", "timeout", 1,
                "cmd", "sleep 300 & echo $! > " + pid + "; echo before; wait"));
        assertThat(done.get("status")).isEqualTo("timeout");
        Map<String, Object> entry = host(done, "agent-open");
        assertThat(entry).containsEntry("return_code", -9L).containsEntry("timeout", true).containsEntry("stdout", "before")
                .containsEntry("via", "agent:agent-open");
        assertThat((String) entry.get("error")).isEqualTo("Failed executing command on host \"agent-open\":"
                + " Command didn't finish in 1 seconds");
        long sleeper = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cancellingTheExecutionKillsTheCommandOnTheAgent() throws Exception {
        Path pid = dir.resolve("cancel.pid");
        String id = start("core.remote", Map.of("hosts", "agent-open", "timeout", 600,
                "cmd", "echo started; echo $$ > " + pid + ".tmp && mv " + pid + ".tmp " + pid + "; sleep 300"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
        long shell = Long.parseLong(Files.readString(pid).strip());
        assertThat(http.delete("/api/v1/executions/" + id).statusCode()).isEqualTo(200);
        Map<String, Object> done = awaitDone(id);
        assertThat(done.get("status")).isEqualTo("canceled");
        assertThat(host(done, "agent-open")).containsEntry("failed", true).containsEntry("stdout", "started");
        await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(shell).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void anAgentThatGoesAwayMidCommandFailsThatHostAndKillsTheCommand() throws Exception {
        Agent leaving = agent("agent-leaving", "192.0.2.13", "allow_remote_commands: true");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.sensu().hub().connectedClients().contains("agent-leaving"));
            Path pid = dir.resolve("leaving.pid");
            String id = start("core.remote", Map.of("hosts", "agent-leaving", "timeout", 600,
                    "cmd", "echo $$ > " + pid + ".tmp && mv " + pid + ".tmp " + pid + "; sleep 300"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pid));
            long shell = Long.parseLong(Files.readString(pid).strip());
            leaving.close();
            Map<String, Object> done = awaitDone(id);
            assertThat(done.get("status")).isEqualTo("failed");
            assertThat((String) host(done, "agent-leaving").get("error"))
                    .startsWith("Failed executing command on host \"agent-leaving\" through agent agent-leaving: ")
                    .containsAnyOf("the agent stopped and killed the command", "disconnected before the command ended");
            await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(shell).map(p -> !p.isAlive()).orElse(true));
        } finally {
            leaving.close();
        }
    }

    @Test
    void theOutputStreamsFromTheAgentToTheRunnersSink() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        RemoteShellRunner runner = RemoteShellRunner.command(
                new SshConnections(RemoteRunnerConfig.defaults(dir.resolve("none")), Clock.systemUTC()),
                app.sensu().hub().commands());
        Cancellation cancellation = new Cancellation();
        RunContext context = RunContext.standalone(Clock.systemUTC()).withCancellation(cancellation)
                .withOutput((type, line) -> {
                    lines.add(type + " " + line);
                    if (lines.size() == 2) {
                        cancellation.cancel("seen enough");
                    }
                });
        Map<String, Object> params = new HashMap<>(Map.of("hosts", "agent-open", "cmd", "echo one; echo two >&2; sleep 300"));
        RunOutcome outcome = runner.run(RunRequest.of("exec-stream-" + System.nanoTime(), "core.remote")
                .withRunnerParameters(params), context);
        assertThat(outcome).isInstanceOf(RunOutcome.Canceled.class);
        assertThat(lines).containsExactlyInAnyOrder(OutputType.STDOUT + " one", OutputType.STDERR + " two");
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) outcome.result().get("agent-open");
        assertThat((String) entry.get("error")).isEqualTo("Action was canceled: seen enough");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLinuxPackScriptRunsThroughTheAgent() {
        Map<String, Object> done = run("linux.check_loadavg", Map.of("hosts", "agent-listed"));
        assertThat(done.get("status")).as(String.valueOf(done.get("result"))).isEqualTo("succeeded");
        Map<String, Object> entry = host(done, "agent-listed");
        assertThat(entry).containsEntry("via", "agent:agent-listed");
        assertThat((Map<String, Object>) entry.get("stdout")).containsOnlyKeys("1", "5", "15");

        Map<String, Object> one = run("linux.check_loadavg", Map.of("hosts", "agent-open", "period", "5"));
        assertThat(host(one, "agent-open").get("stdout")).isInstanceOf(Number.class);
        assertThat(Path.of("/tmp", (String) one.get("id"))).as("the script's directory is removed").doesNotExist();
    }

    @Test
    void aHostWithoutAnAgentIsReachedOverSsh() {
        OpenSshServer.assumeInstalled();
        Map<String, Object> done = run("core.remote", Map.of("hosts", ssh.hostAndPort(), "cmd", "echo via-ssh"));
        assertThat(done.get("status")).isEqualTo("succeeded");
        assertThat(host(done, "127.0.0.1")).containsEntry("stdout", "via-ssh").containsEntry("via", "ssh");
    }
}
