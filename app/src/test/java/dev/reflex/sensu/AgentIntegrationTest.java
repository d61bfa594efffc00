package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.agent.Agent;
import dev.reflex.agent.AgentSettings;
import dev.reflex.checks.SensuSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent and a server over a real WebSocket on loopback: registration, check requests fanned out by
 * the API, results from the agent's local sockets, and results buffered on disk while the server is
 * down, all delivered once it is back.
 */
class AgentIntegrationTest {

    static final String CHECKS = """
            {"checks": {
              "echo_warn": {"command": "echo warn :::name::: && exit 1", "subscribers": ["linux"], "interval": 3600},
              "slow": {"command": "sleep 30", "timeout": 1, "subscribers": ["linux"], "interval": 3600},
              "tokens": {"command": "echo :::missing.value:::", "subscribers": ["linux"], "interval": 3600}
            }}
            """;

    @TempDir
    Path serverDir;
    @TempDir
    Path agentDir;
    SensuHarness server;
    Agent agent;

    @BeforeEach
    void start() throws Exception {
        server = new SensuHarness(serverDir, CHECKS);
        Path config = agentDir.resolve("client.yaml");
        Files.writeString(config, """
                client:
                  name: web-01
                  address: 127.0.0.1
                  subscriptions: [linux]
                  socket: {bind: 127.0.0.1, port: 0}
                  http_socket: {bind: 127.0.0.1, port: 0}
                """);
        var settings = AgentSettings.load(List.of(config));
        assertThat(settings.problems()).isEmpty();
        agent = startAgent(settings.value());
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sensu().hub().connectedClients().contains("web-01"));
    }

    Agent startAgent(SensuSettings settings) throws Exception {
        return new Agent(settings, server.url(), null, agentDir.resolve("data"), Clock.systemUTC()).start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        server.close();
    }

    @Test
    void theAgentRegistersAndRunsRequestedChecks() {
        assertThat(server.list("/sensu/clients")).extracting(c -> c.get("name")).contains("web-01");
        assertThat(server.http().post("/sensu/request", "{\"check\":\"echo_warn\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.http().get("/sensu/events/web-01/echo_warn").statusCode() == 200);
        Map<String, Object> event = server.list("/sensu/events/web-01").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) event.get("check");
        assertThat(check.get("output")).isEqualTo("warn web-01\n");
        assertThat(check.get("status")).isEqualTo(1L);
        assertThat(event.get("action")).isEqualTo("create");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.emitted() >= 1);
    }

    @Test
    void aTimeoutKillsTheCommandAndUnmatchedTokensDoNotRun() {
        server.http().post("/sensu/request", "{\"check\":\"slow\"}");
        server.http().post("/sensu/request", "{\"check\":\"tokens\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> server.http().get("/sensu/results/web-01/slow").statusCode() == 200
                && server.http().get("/sensu/results/web-01/tokens").statusCode() == 200);
        assertThat(server.http().get("/sensu/results/web-01/slow").body()).contains("Execution timed out")
                .contains("\"status\":2");
        assertThat(server.http().get("/sensu/results/web-01/tokens").body())
                .contains("Unmatched client token(s): missing.value").contains("\"status\":3").contains("\"handle\":false");
    }

    @Test
    void theLocalSocketsAcceptResultsAsSensusClientDoes() throws Exception {
        int port = agent.sockets().port();
        assertThat(tcp(port, "ping")).isEqualTo("pong");
        assertThat(tcp(port, "{\"name\":\"from_tcp\",\"output\":\"fine\",\"status\":0}")).isEqualTo("ok");
        assertThat(tcp(port, "{\"name\":\"bad name!\",\"output\":\"x\"}")).isEqualTo("invalid");
        assertThat(tcp(port, "{\"name\":\"half\",")).isEqualTo("invalid");
        byte[] datagram = "{\"name\":\"from_udp\",\"output\":\"udp\",\"status\":2}".getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
        }
        var http = dev.reflex.testkit.Http.local(agent.sockets().httpPort());
        assertThat(http.post("/results", "{\"name\":\"from_http\",\"output\":\"http\",\"status\":1}").statusCode())
                .isEqualTo(202);
        assertThat(http.post("/results", "{\"name\":\"from_http\",\"status\":\"one\"}").statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.list("/sensu/results/web-01").size() == 3);
        // A result is recorded before its event is stored (EventProcessor), as in Sensu: the last
        // result can be listed a moment before its event is.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.list("/sensu/events"))
                .extracting(e -> (Object) ((Map<?, ?>) e.get("check")).get("name"))
                .containsExactlyInAnyOrder((Object) "from_udp", "from_http"));
    }

    @Test
    void resultsTakenWhileTheServerIsDownAreBufferedOnDiskAndNoneIsLost() throws Exception {
        server.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !agent.connected());
        var http = dev.reflex.testkit.Http.local(agent.sockets().httpPort());
        for (int i = 0; i < 25; i++) {
            assertThat(http.post("/results", "{\"name\":\"buffered_" + i + "\",\"output\":\"n\",\"status\":2}")
                    .statusCode()).isEqualTo(202);
        }
        assertThat(agent.buffer().size()).isEqualTo(25);
        assertThat(Files.list(agentDir.resolve("data/buffer")).count()).isEqualTo(25);
        server.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.buffer().size() == 0);
        assertThat(server.list("/sensu/events")).hasSize(25);
        assertThat(Files.list(agentDir.resolve("data/buffer")).count()).isZero();
    }

    @Test
    void aKeepaliveEventFiresWhenTheAgentIsGoneAndResolvesWhenItIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sensu().tables().clients().get("web-01").isPresent());
        agent.close();
        agent = null;
        server.clock.set(java.time.Instant.now().plusSeconds(181));
        server.sensu().engine().sweepKeepalives().forEach(f -> f.join());
        Map<String, Object> event = server.list("/sensu/events/web-01").get(0);
        assertThat(((Map<?, ?>) event.get("check")).get("output").toString())
                .startsWith("No keepalive sent from client for").endsWith("seconds (>=180)");
        assertThat(((Map<?, ?>) event.get("check")).get("status")).isEqualTo(2L);
        agent = startAgent(AgentSettings.load(List.of(agentDir.resolve("client.yaml"))).value());
        long before = java.time.Instant.now().getEpochSecond();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sensu().tables().clients().get("web-01")
                .map(c -> ((Number) c.get("timestamp")).longValue() >= before).orElse(false));
        server.clock.set(java.time.Instant.now());
        server.sensu().engine().sweepKeepalives().forEach(f -> f.join());
        assertThat(server.http().get("/sensu/events/web-01/keepalive").statusCode()).isEqualTo(404);
    }

    static String tcp(int port, String text) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
