package dev.reflex.runners.remote;

import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
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
import java.util.List;
import java.util.Optional;

import static dev.reflex.runners.remote.RemoteShellRunnerTest.host;
import static dev.reflex.runners.remote.RemoteShellRunnerTest.params;
import static dev.reflex.runners.remote.RemoteShellRunnerTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several hosts, host key verification and bastions, against two real OpenSSH servers. */
class RemoteHostsAndKeysTest {

    private static OpenSshServer first;
    private static OpenSshServer second;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() {
        first = OpenSshServer.start();
        second = OpenSshServer.start();
    }

    @AfterAll
    static void stopServers() {
        for (OpenSshServer server : new OpenSshServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private SshConnections connections(String... knownHostsLines) throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        Files.write(knownHosts, List.of(knownHostsLines));
        return new SshConnections(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(first.userKey()),
                Clock.systemUTC());
    }

    @Test
    void twoHostsAreKeyedByHostNameAndSucceedTogether() throws IOException {
        String secondAsLocalhost = "[localhost]:" + second.port() + " " + second.hostPublicKey();
        try (SshConnections connections = connections(first.knownHostsLine(), secondAsLocalhost)) {
            authorize(second, first);
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", first.hostAndPort() + ", localhost:" + second.port(), "parallel", true,
                    "cmd", "echo \"$SSH_CONNECTION\" | awk '{print $4}'")), RunContext.standalone(Clock.systemUTC()));
            assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
            assertThat(outcome.result()).containsOnlyKeys("127.0.0.1", "localhost");
            assertThat(host(outcome, "127.0.0.1")).containsEntry("stdout", first.port());
            assertThat(host(outcome, "localhost")).containsEntry("stdout", second.port());
        }
    }

    @Test
    void oneFailingHostFailsTheExecutionAndSameNamedHostsKeepTheirPorts() throws IOException {
        try (SshConnections connections = connections(first.knownHostsLine(), second.knownHostsLine())) {
            authorize(second, first);
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", first.hostAndPort() + "," + second.hostAndPort(),
                    "cmd", "test \"$(echo $SSH_CONNECTION | awk '{print $4}')\" = " + first.port())), RunContext.standalone(Clock.systemUTC()));
            assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
            assertThat(outcome.result()).containsOnlyKeys(first.hostAndPort(), second.hostAndPort());
            assertThat(host(outcome, first.hostAndPort())).containsEntry("succeeded", true);
            assertThat(host(outcome, second.hostAndPort())).containsEntry("return_code", 1);
        }
    }

    @Test
    void unknownHostKeyIsRefusedByDefaultNamingHostAndFingerprint() throws IOException {
        try (SshConnections connections = connections()) {
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", first.hostAndPort(), "cmd", "touch " + dir.resolve("ran"))), RunContext.standalone(Clock.systemUTC()));
            assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
            String error = (String) host(outcome, "127.0.0.1").get("error");
            assertThat(error).startsWith("Host key verification failed for " + first.hostAndPort())
                    .contains(first.hostKeyFingerprint()).contains("not in known_hosts file " + dir.resolve("known_hosts"));
            assertThat(dir.resolve("ran")).doesNotExist();
        }
    }

    @Test
    void changedHostKeyIsRefusedAsChanged() throws IOException {
        String wrongKeyForFirst = "[127.0.0.1]:" + first.port() + " " + second.hostPublicKey();
        try (SshConnections connections = connections(wrongKeyForFirst)) {
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", first.hostAndPort(), "cmd", "true")), RunContext.standalone(Clock.systemUTC()));
            String error = (String) host(outcome, "127.0.0.1").get("error");
            assertThat(error).contains("host key has CHANGED").contains(first.hostKeyFingerprint())
                    .contains(second.hostKeyFingerprint());
        }
    }

    @Test
    void insecureOptInSkipsTheCheck() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty_known_hosts"));
        try (SshConnections connections = new SshConnections(RemoteRunnerConfig.defaults(empty)
                .withDefaultPrivateKey(first.userKey()).withInsecureSkipHostKeyCheck(true), Clock.systemUTC())) {
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", first.hostAndPort(), "cmd", "echo trusted-anyway")), RunContext.standalone(Clock.systemUTC()));
            assertThat(host(outcome, "127.0.0.1")).containsEntry("stdout", "trusted-anyway");
        }
    }

    @Test
    void bastionForwardsToTheTargetAndTheTargetKeyIsChecked() throws IOException {
        try (SshConnections connections = connections(first.knownHostsLine(), second.knownHostsLine())) {
            authorize(second, first);
            long bastionLogins = first.acceptedLogins();
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", second.hostAndPort(), "bastion_host", first.hostAndPort(),
                    "cmd", "echo \"$SSH_CONNECTION\" | awk '{print $4}'")), RunContext.standalone(Clock.systemUTC()));
            assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
            assertThat(host(outcome, "127.0.0.1")).containsEntry("stdout", second.port());
            assertThat(first.acceptedLogins()).isEqualTo(bastionLogins + 1);
        }
        try (SshConnections connections = connections(first.knownHostsLine())) {
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", second.hostAndPort(), "bastion_host", first.hostAndPort(), "cmd", "true")),
                    RunContext.standalone(Clock.systemUTC()));
            assertThat((String) host(outcome, "127.0.0.1").get("error"))
                    .startsWith("Host key verification failed for " + second.hostAndPort())
                    .endsWith("(through bastion " + first.hostAndPort() + ")");
        }
    }

    @Test
    void aRefusedBastionKeyNamesTheBastionAndTheTarget() throws IOException {
        try (SshConnections connections = connections(second.knownHostsLine())) {
            RunOutcome outcome = RemoteShellRunner.command(connections).run(request(params(
                    "hosts", second.hostAndPort(), "bastion_host", first.hostAndPort(), "cmd", "true")),
                    RunContext.standalone(Clock.systemUTC()));
            assertThat((String) host(outcome, "127.0.0.1").get("error"))
                    .startsWith("Host key verification failed for " + first.hostAndPort())
                    .contains(first.hostKeyFingerprint())
                    .endsWith("(bastion for host " + second.hostAndPort() + ")");
        }
    }

    @Test
    void aKeyRefusedAtAReExchangeClosesThePooledSessionAndTheNextRunSaysTheKeyChanged() throws Exception {
        try (SshConnections connections = connections(first.knownHostsLine())) {
            RemoteShellRunner runner = RemoteShellRunner.command(connections);
            assertThat(runner.run(request(params("hosts", first.hostAndPort(), "cmd", "true")),
                    RunContext.standalone(Clock.systemUTC()))).isInstanceOf(RunOutcome.Succeeded.class);
            SshCredentials credentials = SshCredentials.resolve(connections.config().defaultUsername(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(first.userKey()), name -> Optional.empty());
            try (SshSessionPool.Lease lease = connections.open(HostAddress.parse(first.hostAndPort(), 22), credentials,
                    Optional.empty())) {
                assertThat(connections.reuses()).as("the runner's pooled session").isEqualTo(1);
                Files.write(dir.resolve("known_hosts"), List.of("[127.0.0.1]:" + first.port() + " " + second.hostPublicKey()));
                lease.session().reExchangeKeys();
                await().atMost(Duration.ofSeconds(30)).until(() -> !lease.session().isOpen());
                assertThat(HostKeyVerifier.refusal(lease.session())).hasValueSatisfying(
                        reason -> assertThat(reason).contains("host key has CHANGED"));
            }
            RunOutcome outcome = runner.run(request(params("hosts", first.hostAndPort(), "cmd", "touch " + dir.resolve("ran"))),
                    RunContext.standalone(Clock.systemUTC()));
            assertThat((String) host(outcome, "127.0.0.1").get("error")).contains("host key has CHANGED")
                    .contains(first.hostKeyFingerprint()).contains(second.hostKeyFingerprint());
            assertThat(connections.reuses()).as("the closed session is not reused").isEqualTo(1);
            assertThat(connections.openSessions()).isZero();
            assertThat(dir.resolve("ran")).doesNotExist();
        }
    }

    @Test
    void resultKeysFollowStackStorm() {
        assertThat(RemoteShellRunner.resultKeys(HostAddress.parseList("web1,web2:2222,[::1]:22,10.0.0.1", 22)))
                .containsExactly("web1", "web2", "::1", "10.0.0.1");
        assertThat(RemoteShellRunner.resultKeys(HostAddress.parseList("h:1, h:2", 22))).containsExactly("h:1", "h:2");
        assertThat(HostAddress.parse("fe80::1", 22)).isEqualTo(new HostAddress("fe80::1", 22, "fe80::1"));
    }

    /** Lets the first server's user key log in to {@code server} too. */
    private static void authorize(OpenSshServer server, OpenSshServer keyOwner) throws IOException {
        Path authorized = server.directory().resolve("authorized_keys");
        String key = Files.readString(keyOwner.directory().resolve("user_key.pub"));
        if (!Files.readString(authorized).contains(key.trim())) {
            Files.writeString(authorized, key, java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
