package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.app.ReflexCommand;
import dev.reflex.testkit.AgentProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Debian's Nagios plugins ({@code monitoring-plugins-basic}) run by a real agent process connected to
 * a real server: {@code check_load} with thresholds of zero goes critical and becomes an event in the
 * API, in {@code reflex event list} and as a {@code sensu.event_handler} trigger instance; killing the
 * agent makes a keepalive event once the threshold has passed, and bringing it back resolves it.
 */
class RealPluginsTest {

    static final Path PLUGINS = Path.of("/usr/lib/nagios/plugins");

    @TempDir
    Path serverDir;
    @TempDir
    Path agentDir;

    @BeforeAll
    static void requirePlugins() {
        if (Files.isExecutable(PLUGINS.resolve("check_load")) && Files.isExecutable(PLUGINS.resolve("check_dummy"))) {
            return;
        }
        String reason = "the Nagios plugins are not installed in " + PLUGINS
                + " (Debian package monitoring-plugins-basic; scripts/install-test-deps installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("required on CI: " + reason);
        }
        System.err.println("NOTICE: real plugin tests are SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    static final String SERVER_CHECKS = """
            {"checks": {
              "load": {"command": "%1$s/check_load -w 0,0,0 -c 0,0,0", "subscribers": ["linux"], "interval": 3600},
              "disk": {"command": "%1$s/check_disk -w 1%% -c 1%% -p /", "subscribers": ["linux"], "interval": 3600},
              "procs": {"command": "%1$s/check_procs -w 100000 -c 200000", "subscribers": ["linux"], "interval": 3600}
            }}
            """.formatted(PLUGINS);

    static final String AGENT_CONFIG = """
            {"client": {"name": "plugin-host", "address": "127.0.0.1", "subscriptions": ["linux"],
                        "socket": {"port": 0}, "http_socket": {"port": 0}},
             "checks": {"dummy": {"command": "%s/check_dummy 1 'dummy says warning'", "standalone": true, "interval": 1}}}
            """.formatted(PLUGINS);

    @Test
    void pluginsThroughARealAgentBecomeEventsTriggerInstancesAndKeepalives() throws Exception {
        Path config = agentDir.resolve("agent.json");
        Files.writeString(config, AGENT_CONFIG);
        try (SensuHarness server = new SensuHarness(serverDir, SERVER_CHECKS)) {
            AgentProcess agent = AgentProcess.start(server.url(), config, agentDir.resolve("data"));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> server.sensu().hub().connectedClients()
                        .contains("plugin-host"));
                for (String check : new String[] {"load", "disk", "procs"}) {
                    assertThat(server.http().post("/sensu/request", "{\"check\":\"" + check + "\"}").statusCode())
                            .isEqualTo(202);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> server.http()
                        .get("/sensu/events/plugin-host/load").statusCode() == 200);
                Map<?, ?> load = (Map<?, ?>) ((Map<?, ?>) server.get("/sensu/events/plugin-host/load")).get("check");
                assertThat(load.get("status")).isEqualTo(2L);
                assertThat(load.get("output").toString()).startsWith("LOAD CRITICAL");
                await().atMost(Duration.ofSeconds(60)).until(() -> server.http().get("/sensu/results/plugin-host/disk")
                        .statusCode() == 200 && server.http().get("/sensu/results/plugin-host/procs").statusCode() == 200
                        && server.http().get("/sensu/events/plugin-host/dummy").statusCode() == 200);
                assertThat(server.http().get("/sensu/results/plugin-host/disk").body()).contains("DISK");
                assertThat(server.http().get("/sensu/results/plugin-host/procs").body()).contains("PROCS OK");
                assertThat(server.http().get("/sensu/events/plugin-host/dummy").body())
                        .contains("dummy says warning").contains("\"status\":1");
                assertThat(server.emitted()).as("sensu.event_handler trigger instances").isGreaterThanOrEqualTo(2);

                String table = cli("event", "list", "--url", server.url());
                assertThat(table).contains("| client").contains("plugin-host").contains("load").contains("LOAD CRITICAL");
                assertThat(cli("event", "list", "--check", "dummy", "--url", server.url())).contains("dummy")
                        .doesNotContain("LOAD CRITICAL");

                agent.kill();
                server.clock.set(Instant.now().plusSeconds(181));
                server.sensu().engine().sweepKeepalives().forEach(f -> f.join());
                Map<?, ?> keepalive = (Map<?, ?>) ((Map<?, ?>) server.get("/sensu/events/plugin-host/keepalive")).get("check");
                assertThat(keepalive.get("status")).isEqualTo(2L);
                assertThat(keepalive.get("output").toString()).startsWith("No keepalive sent from client for");

                long restarted = Instant.now().getEpochSecond();
                agent = AgentProcess.start(server.url(), config, agentDir.resolve("data"));
                await().atMost(Duration.ofSeconds(60)).until(() -> server.sensu().tables().clients().get("plugin-host")
                        .map(c -> ((Number) c.get("timestamp")).longValue() >= restarted).orElse(false));
                server.clock.set(Instant.now());
                server.sensu().engine().sweepKeepalives().forEach(f -> f.join());
                assertThat(server.http().get("/sensu/events/plugin-host/keepalive").statusCode()).isEqualTo(404);
            } finally {
                agent.close();
            }
        }
    }

    static String cli(String... args) {
        CommandLine cl = ReflexCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        assertThat(cl.execute(args)).as(out.toString()).isZero();
        return out.toString();
    }
}
