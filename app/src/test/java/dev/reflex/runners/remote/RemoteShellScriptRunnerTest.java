package dev.reflex.runners.remote;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.local.FakeSudo;
import dev.reflex.testkit.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.reflex.runners.remote.RemoteShellRunnerTest.host;
import static dev.reflex.runners.remote.RemoteShellRunnerTest.params;
import static org.assertj.core.api.Assertions.assertThat;

/** The remote-shell-script runner, and sudo on the remote runners, against a real OpenSSH server. */
class RemoteShellScriptRunnerTest {

    private static OpenSshServer server;
    private static SshConnections connections;
    private static Path sudoBin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        OpenSshServer.assumeInstalled();
        sudoBin = Files.createTempDirectory("reflex-fake-sudo-");
        FakeSudo.install(sudoBin);
        server = OpenSshServer.start(List.of("SetEnv PATH=" + sudoBin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
        Path knownHosts = server.directory().resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        connections = new SshConnections(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(server.userKey()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stopServer() {
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.close();
        }
        if (sudoBin != null) {
            for (String name : List.of("sudo", "sudo.args", "sudo.password")) {
                sudoBin.resolve(name).toFile().delete();
            }
            sudoBin.toFile().delete();
        }
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("show.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        return script;
    }

    @Test
    void scriptIsCopiedRunWithArgumentsAndRemoved() throws IOException {
        Path uploads = Files.createDirectory(dir.resolve("uploads"));
        Path script = script("echo \"$0\"; pwd; for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done; ls -ld \"$(dirname \"$0\")\" | cut -c1-10\n");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("flag", true);
        args.put("period", "all; rm -rf /");
        RunOutcome outcome = RemoteShellRunner.script(connections).run(RunRequest.of("exec-script-1", "linux.show")
                .withEntryPoint(script)
                .withRunnerParameters(params("hosts", server.hostAndPort(), "dir", uploads.toString(), "cwd", "/"))
                .withActionParameters(args)
                .withActionParameterSpecs(List.of(ParameterSpec.of("period", ParameterType.STRING).atPosition(0))),
                RunContext.standalone(Clock.systemUTC()));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(host(outcome, "127.0.0.1").get("stdout")).isEqualTo(String.join("\n",
                uploads.resolve("exec-script-1/show.sh").toString(), "/", "[--flag]", "[all; rm -rf /]", "drwx------"));
        assertThat(uploads.resolve("exec-script-1")).doesNotExist();
    }

    @Test
    void anExistingExecutionDirectoryIsNotReused() throws IOException {
        Path uploads = Files.createDirectory(dir.resolve("uploads"));
        Files.createDirectory(uploads.resolve("exec-script-2"));
        RunOutcome outcome = RemoteShellRunner.script(connections).run(RunRequest.of("exec-script-2", "p.a")
                .withEntryPoint(script("echo never\n"))
                .withRunnerParameters(params("hosts", server.hostAndPort(), "dir", uploads.toString())),
                RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) host(outcome, "127.0.0.1").get("error")).startsWith("Failed copying content to remote boxes.");
    }

    @Test
    void missingEntryPointIsAFailure() {
        RunOutcome outcome = RemoteShellRunner.script(connections).run(RunRequest.of("e", "p.a")
                .withRunnerParameters(params("hosts", server.hostAndPort())), RunContext.standalone(Clock.systemUTC()));
        assertThat((String) outcome.result().get("error")).contains("is missing \"entry_point\" attribute");
    }

    @Test
    void sudoRunsUnderAPseudoTerminalAndAPasswordGoesOnStandardInput() throws IOException {
        Path bin = sudoBin;
        Map<String, Object> env = Map.of("WHO", "tester");
        RemoteShellRunner runner = RemoteShellRunner.command(connections);

        RunOutcome plain = runner.run(RemoteShellRunnerTest.request(params("hosts", server.hostAndPort(), "sudo", true,
                "env", env, "cmd", "test -t 0 && echo tty; echo err >&2")), RunContext.standalone(Clock.systemUTC()));
        assertThat(plain).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(host(plain, "127.0.0.1")).containsEntry("stdout", "tty\nerr");
        assertThat(Files.readAllLines(bin.resolve("sudo.args"))).startsWith("-E", "--", "bash", "-c");

        RunOutcome withPassword = runner.run(RemoteShellRunnerTest.request(params("hosts", server.hostAndPort(),
                "sudo", true, "sudo_password", "right", "env", env, "cmd", "echo out; echo err >&2")), RunContext.standalone(Clock.systemUTC()));
        assertThat(host(withPassword, "127.0.0.1")).containsEntry("stdout", "out").containsEntry("stderr", "err");
        assertThat(Files.readString(bin.resolve("sudo.password"))).isEqualTo("right");
        assertThat(server.log()).noneMatch(line -> line.contains("right"));

        RunOutcome wrong = runner.run(RemoteShellRunnerTest.request(params("hosts", server.hostAndPort(),
                "sudo", true, "sudo_password", "wrong-one", "env", env, "cmd", "echo never")), RunContext.standalone(Clock.systemUTC()));
        assertThat(wrong).isInstanceOf(RunOutcome.Failed.class);
        assertThat(host(wrong, "127.0.0.1")).containsEntry("error",
                "Invalid sudo password provided or sudo is not configured for this user (tester)");
        assertThat(wrong.result().toString()).doesNotContain("wrong-one");
    }
}
