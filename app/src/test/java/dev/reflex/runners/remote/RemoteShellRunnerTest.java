package dev.reflex.runners.remote;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.testkit.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The remote-shell-cmd runner against a real OpenSSH server on loopback. */
class RemoteShellRunnerTest {

    private static OpenSshServer server;
    private static Path knownHosts;
    private static SshConnections connections;
    private static RemoteShellRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        server = OpenSshServer.start();
        knownHosts = server.directory().resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        connections = new SshConnections(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(server.userKey()),
                Clock.systemUTC());
        runner = RemoteShellRunner.command(connections);
    }

    @AfterAll
    static void stopServer() {
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static RunRequest request(Map<String, ?> params) {
        return RunRequest.of("exec-" + System.nanoTime(), "core.remote").withRunnerParameters(params);
    }

    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> host(RunOutcome outcome, String key) {
        return (Map<String, Object>) outcome.result().get(key);
    }

    @Test
    void exitCodeAndStreamsKeyedByHost() {
        RunOutcome outcome = runner.run(request(params("hosts", server.hostAndPort(),
                "cmd", "echo out; echo err >&2; exit 3")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result()).containsOnlyKeys("127.0.0.1");
        assertThat(host(outcome, "127.0.0.1")).containsExactly(Map.entry("stdout", "out"), Map.entry("stderr", "err"),
                Map.entry("return_code", 3), Map.entry("succeeded", false), Map.entry("failed", true),
                Map.entry("via", "ssh"));
    }

    @Test
    void successParsesJsonAndHonoursCwdEnvAndPort() {
        RunOutcome outcome = runner.run(request(params("hosts", server.host(), "port", server.port(), "cwd", "/",
                "env", Map.of("WHO", "it's me"), "cmd", "printf '{\"cwd\": \"%s\", \"who\": \"%s\", \"pack\": \"%s\"}' \"$(pwd)\" \"$WHO\" \"$ST2_ACTION_PACK_NAME\"")),
                RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(host(outcome, "127.0.0.1").get("stdout")).isEqualTo(Map.of("cwd", "/", "who", "it's me", "pack", "core"));
        assertThat(host(outcome, "127.0.0.1")).containsEntry("succeeded", true).containsEntry("return_code", 0);
    }

    @Test
    void timeoutKillsTheRemoteProcessGroup() throws IOException {
        Path pids = dir.resolve("pids");
        // 3 s: time enough to connect and start the command on a loaded machine
        RunOutcome outcome = runner.run(request(params("hosts", server.hostAndPort(), "timeout", 3,
                "cmd", "sleep 300 & echo $! > " + pids + "; echo started; wait")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.TimedOut.class);
        Map<String, Object> entry = host(outcome, "127.0.0.1");
        assertThat(entry).containsEntry("timeout", true).containsEntry("return_code", -9)
                .containsEntry("failed", true).containsEntry("stdout", "started");
        assertThat((String) entry.get("error")).contains("127.0.0.1").contains("3 seconds");
        long sleeper = Long.parseLong(Files.readString(pids).trim());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(sleeper).filter(ProcessHandle::isAlive).isEmpty());
    }

    @Test
    void cancelSignalsAndClosesTheChannelWhileOutputStreams() throws Exception {
        Path pids = dir.resolve("pids");
        Cancellation cancellation = new Cancellation();
        List<String> lines = new CopyOnWriteArrayList<>();
        RunContext context = RunContext.standalone(Clock.systemUTC()).withCancellation(cancellation)
                .withOutput((type, line) -> lines.add(type.wireName() + ":" + line));
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> runner.run(request(params(
                "hosts", server.hostAndPort(), "cmd", "sleep 300 & echo $! > " + pids + "; echo ready; echo warn >&2; wait")),
                context), command -> Thread.ofVirtual().start(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("stdout:ready") && lines.contains("stderr:warn"));
        long sleeper = Long.parseLong(Files.readString(pids).trim());

        cancellation.cancel("operator asked");

        RunOutcome outcome = running.get();
        assertThat(outcome).isInstanceOf(RunOutcome.Canceled.class);
        assertThat(host(outcome, "127.0.0.1")).containsEntry("error", "Action was canceled: operator asked")
                .containsEntry("stdout", "ready");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(sleeper).filter(ProcessHandle::isAlive).isEmpty());
    }

    @Test
    void secondCommandToTheSameHostReusesTheConnection() {
        RunOutcome first = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
        long connects = connections.connects();
        long logins = server.acceptedLogins();
        RunOutcome second = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "echo again")), RunContext.standalone(Clock.systemUTC()));
        assertThat(first).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(host(second, "127.0.0.1")).containsEntry("stdout", "again");
        assertThat(connections.connects()).isEqualTo(connects);
        assertThat(server.acceptedLogins()).isEqualTo(logins);
    }

    @Test
    void aPooledSessionThatDiedIsReplacedTransparently() {
        runner.run(request(params("hosts", server.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
        long connects = connections.connects();
        RunOutcome killer = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "kill -9 $PPID")),
                RunContext.standalone(Clock.systemUTC()));
        assertThat(killer).isInstanceOf(RunOutcome.Failed.class);
        RunOutcome after = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "echo back")), RunContext.standalone(Clock.systemUTC()));
        assertThat(host(after, "127.0.0.1")).containsEntry("stdout", "back");
        assertThat(connections.connects()).isEqualTo(connects + 1);
    }

    @Test
    void executionIdsThatAreNotPlainNamesCannotBecomeRemotePaths() throws IOException {
        Path script = Files.writeString(dir.resolve("s.sh"), "#!/bin/sh\ntrue\n");
        RunOutcome outcome = RemoteShellRunner.script(connections).run(RunRequest.of("../../etc", "p.a")
                .withEntryPoint(script).withRunnerParameters(params("hosts", server.hostAndPort())), RunContext.standalone(Clock.systemUTC()));
        assertThat((String) outcome.result().get("error")).contains("cannot name a remote directory");
    }

    @Test
    void idleSessionsExpireOnTheInjectedClock() throws IOException {
        TestClock clock = new TestClock();
        try (SshConnections pool = new SshConnections(RemoteRunnerConfig.defaults(knownHosts)
                .withDefaultPrivateKey(server.userKey()).withIdleExpiry(Duration.ofMinutes(5)), clock)) {
            RemoteShellRunner pooled = RemoteShellRunner.command(pool);
            pooled.run(request(params("hosts", server.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
            clock.advance(Duration.ofMinutes(4));
            assertThat(pool.evictIdle()).isZero();
            pooled.run(request(params("hosts", server.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
            assertThat(pool.connects()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(5));
            assertThat(pool.evictIdle()).isEqualTo(1);
            assertThat(pool.openSessions()).isZero();
            RunOutcome after = pooled.run(request(params("hosts", server.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
            assertThat(after).isInstanceOf(RunOutcome.Succeeded.class);
            assertThat(pool.connects()).isEqualTo(2);
        }
    }

    @Test
    void badKeyIsAClearAuthenticationError() throws IOException {
        Path other = dir.resolve("other_key");
        OpenSshServer.keygen(other, "stranger");
        String keyText = Files.readString(other);
        RunOutcome outcome = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "true",
                "private_key", keyText)), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        Map<String, Object> entry = host(outcome, "127.0.0.1");
        assertThat((String) entry.get("error")).startsWith("Authentication failed for " + server.user() + "@" + server.hostAndPort())
                .contains("rejected the public key SHA256:");
        assertThat(entry).containsEntry("return_code", 255).containsEntry("timeout", false);
        assertThat(outcome.result().toString()).doesNotContain(keyText.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void wrongPasswordIsAClearAuthenticationErrorWithoutThePassword() {
        RunOutcome outcome = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "true",
                "password", "hunter2-not-it")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) host(outcome, "127.0.0.1").get("error")).contains("Authentication failed").contains("password");
        assertThat(outcome.result().toString()).doesNotContain("hunter2");
    }

    @Test
    void privateKeyFromTheSecretsLookup() {
        RunOutcome outcome = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "echo via-kv",
                "private_key", "kv:ssh_key")), RunContext.standalone(Clock.systemUTC()).withSecrets(name ->
                name.equals("ssh_key") ? java.util.Optional.of(server.userKeyText()) : java.util.Optional.empty()));
        assertThat(host(outcome, "127.0.0.1")).containsEntry("stdout", "via-kv");
        RunOutcome missing = runner.run(request(params("hosts", server.hostAndPort(), "cmd", "true",
                "private_key", "kv:nope")), RunContext.standalone(Clock.systemUTC()));
        assertThat(missing.result()).containsEntry("error", "secret reference \"kv:nope\" names no key-value entry");
    }

    @Test
    void refusedConnectionIsAFailureForThatHost() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RunOutcome outcome = runner.run(request(params("hosts", "127.0.0.1:" + closed, "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) host(outcome, "127.0.0.1").get("error")).startsWith("Failed connecting to host 127.0.0.1:" + closed);
    }

    @Test
    void parameterProblemsAreFailures() {
        assertThat(runner.run(request(params("hosts", " , ", "cmd", "true")), RunContext.standalone(Clock.systemUTC())).result())
                .containsEntry("failed", true).hasEntrySatisfying("error", e -> assertThat((String) e).startsWith("No hosts specified"));
        assertThat(runner.run(request(params("hosts", "h:notaport", "cmd", "true")), RunContext.standalone(Clock.systemUTC())).result())
                .containsEntry("error", "Invalid port notaport specified.");
    }
}
