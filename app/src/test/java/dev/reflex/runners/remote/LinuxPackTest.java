package dev.reflex.runners.remote;

import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.Runner;
import dev.reflex.testkit.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.reflex.runners.remote.RemoteShellRunnerTest.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in linux pack: its metadata, and each of its scripts run for real through the
 * remote-shell-script runner against an OpenSSH server on this machine.
 */
class LinuxPackTest {

    private static OpenSshServer server;
    private static SshConnections connections;
    private static Runner runner;
    private static Path pack;
    private static Process marker;

    @BeforeAll
    static void start() throws IOException, URISyntaxException {
        pack = Path.of(LinuxPackTest.class.getResource("/packs/linux/pack.yaml").toURI()).getParent();
        server = OpenSshServer.start();
        Path knownHosts = server.directory().resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");
        connections = new SshConnections(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(server.userKey()),
                Clock.systemUTC());
        runner = RemoteShellRunner.script(connections);
        marker = new ProcessBuilder("bash", "-c", "exec -a 'reflex-linux-pack-marker \"x\"' sleep 600").start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (marker != null) {
            marker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RunOutcome run(String action, Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        values.put("hosts", server.hostAndPort());
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        PackAction meta = PackAction.load(pack, action);
        assertThat(meta.runnerType()).isEqualTo(RemoteRunnerTypes.SCRIPT.name());
        return runner.run(meta.request("exec-" + action + "-" + System.nanoTime(), "linux", runner.type(), values),
                RunContext.standalone(Clock.systemUTC()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"check_loadavg", "check_processes", "netstat_grep", "lsof_pids"})
    void everyActionNamesAnExecutableScriptInThePack(String action) {
        PackAction meta = PackAction.load(pack, action);
        assertThat(meta.name()).isEqualTo(action);
        assertThat(meta.entryPoint()).isRegularFile().isExecutable();
        assertThat(meta.entryPoint().normalize()).startsWith(pack.resolve("actions"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkLoadavgAllIsAnObjectOfDecimalStringsPerPeriod() {
        RunOutcome outcome = run("check_loadavg");
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        Map<String, Object> load = (Map<String, Object>) host(outcome, "127.0.0.1").get("stdout");
        assertThat(load).containsOnlyKeys("1", "5", "15");
        assertThat(load.values()).allSatisfy(v -> assertThat(Double.parseDouble((String) v)).isNotNegative());
    }

    @Test
    void checkLoadavgOnePeriodIsANumber() {
        RunOutcome outcome = run("check_loadavg", "period", "5");
        assertThat(host(outcome, "127.0.0.1").get("stdout")).isInstanceOf(Number.class);
    }

    @Test
    void checkProcessesByNameListsPidAndCommandLineAndWritesThePidList() {
        RunOutcome outcome = run("check_processes", "search", "name", "criteria", "reflex-linux-pack-mark", "args", "pidlist");
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(host(outcome, "127.0.0.1").get("stdout"))
                .isEqualTo(Map.of(String.valueOf(marker.pid()), "reflex-linux-pack-marker \"x\" 600"));
        assertThat(host(outcome, "127.0.0.1").get("stderr")).isEqualTo((int) marker.pid());
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkProcessesByStateAndByPid() {
        RunOutcome sleeping = run("check_processes", "search", "state", "criteria", "S", "args", "pidlist");
        Map<String, Object> byState = (Map<String, Object>) host(sleeping, "127.0.0.1").get("stdout");
        assertThat(byState).containsKey(String.valueOf(marker.pid()))
                .as("the sshd above the script is one of its ancestors, left out").doesNotContainKey(String.valueOf(server.pid()));
        assertThat(String.valueOf(host(sleeping, "127.0.0.1").get("stderr"))).contains(String.valueOf(marker.pid()));

        RunOutcome none = run("check_processes", "search", "state", "criteria", "no-such-state");
        assertThat(host(none, "127.0.0.1")).containsEntry("stdout", Map.of()).containsEntry("stderr", "");

        RunOutcome byPid = run("check_processes", "search", "pid", "criteria", String.valueOf(marker.pid()));
        assertThat((Map<String, Object>) host(byPid, "127.0.0.1").get("stdout")).containsOnlyKeys(String.valueOf(marker.pid()));
    }

    @Test
    void netstatGrepShowsTheSocketsOfTheGivenPids() {
        boolean netstat = installed("netstat");
        if (!netstat) {
            requireTool("ss", "iproute2 (or net-tools for netstat)");
        }
        RunOutcome outcome = run("netstat_grep", "pids", "[" + server.pid() + ", \"$(touch /tmp/x)\"]");
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        String stdout = String.valueOf(host(outcome, "127.0.0.1").get("stdout"));
        assertThat(stdout).contains("127.0.0.1:" + server.port()).contains("LISTEN")
                .contains(netstat ? server.pid() + "/sshd" : "pid=" + server.pid() + ",");
        assertThat(String.valueOf(host(outcome, "127.0.0.1").get("stderr"))).contains("ignoring non-numeric pid: $(touch");
    }

    @Test
    void lsofPidsListsOpenFiles() {
        requireTool("lsof", "lsof");
        RunOutcome outcome = run("lsof_pids", "pids", marker.pid() + " " + server.pid(), "sudo", false);
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        String stdout = String.valueOf(host(outcome, "127.0.0.1").get("stdout"));
        assertThat(stdout).contains("COMMAND").contains(" " + marker.pid() + " ").contains(" " + server.pid() + " ")
                .contains(":" + server.port() + " (LISTEN)");
        assertThat(PackAction.load(pack, "lsof_pids").parameters().get("sudo")).containsEntry("default", true);
    }

    @Test
    void emptyPidListsDoNothingAndSucceed() {
        assertThat(host(run("netstat_grep", "pids", " "), "127.0.0.1")).containsEntry("stdout", "").containsEntry("return_code", 0);
        assertThat(host(run("lsof_pids", "pids", "", "sudo", false), "127.0.0.1")).containsEntry("return_code", 0);
    }

    private static boolean installed(String tool) {
        return List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir + tool)));
    }

    private static void requireTool(String tool, String debianPackage) {
        if (installed(tool)) {
            return;
        }
        String notice = tool + " not found: install the Debian package " + debianPackage + " to test this linux pack action";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(notice);
        }
        System.err.println("NOTICE: skipping: " + notice);
        Assumptions.abort(notice);
    }
}
