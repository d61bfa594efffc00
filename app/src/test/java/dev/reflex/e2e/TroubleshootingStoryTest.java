package dev.reflex.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.reflex.testkit.AgentProcess;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.ReflexProcess;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's whole story with real processes: a {@code reflex server} process configured by a
 * reflex.yaml ({@code chat:} to a local stand-in, {@code smtp:} to GreenMail) and two agent processes
 * running a real load check (made CRITICAL by its thresholds, not by burning CPU); the third CRITICAL result of each
 * reaches the built-in {@code sensu.loadavg_diag} rule, which runs {@code linux.diag_loadavg} through
 * the agent of the host that raised it. On {@code web-01} every step runs and the summary reaches the
 * chat stand-in; {@code db-01}'s agent refuses the process listing, so that chain escalates by mail
 * (received by GreenMail) and posts what it collected. Every record is then read through the API.
 */
class TroubleshootingStoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHECK_LOAD = Path.of("/usr/lib/nagios/plugins/check_load");

    @TempDir
    static Path dir;
    static GreenMail mail;
    static HttpServer chat;
    static final List<String> posts = new CopyOnWriteArrayList<>();
    static ReflexProcess server;
    static Http http;
    static final List<AgentProcess> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/hook", exchange -> {
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        chat.start();
        Path config = Files.writeString(dir.resolve("reflex.yaml"), """
                chat:
                  platform: slack-webhook
                  url: http://127.0.0.1:%d/hook
                  channel: "#ops"
                smtp:
                  host: 127.0.0.1
                  port: %d
                  from: reflex@example.org
                """.formatted(chat.getAddress().getPort(), mail.getSmtp().getPort()));
        server = ReflexProcess.start(dir.resolve("data"), "--config", config.toString());
        http = Http.local(server.port());
        // what `reflex rule enable sensu.loadavg_diag` does: read the rule, put it back enabled
        ObjectNode rule = (ObjectNode) json("/api/v1/rules/sensu.loadavg_diag");
        rule.put("enabled", true);
        rule.remove("source");
        var enabled = http.put("/api/v1/rules/sensu.loadavg_diag", JSON.writeValueAsString(rule));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        String url = "http://127.0.0.1:" + server.port();
        agents.add(AgentProcess.start(url, agentConfig("web-01", List.of("check_loadavg.sh *", "check_processes.sh *",
                "netstat_grep.sh *", "lsof_pids.sh *")), dir.resolve("agent-web")));
        agents.add(AgentProcess.start(url, agentConfig("db-01", List.of("check_loadavg.sh *")), dir.resolve("agent-db")));
    }

    /** A client whose load check is CRITICAL at any load above zero, every second, to the diagnostics handler. */
    static Path agentConfig(String name, List<String> allowed) throws IOException {
        String command = Files.isExecutable(CHECK_LOAD)
                ? CHECK_LOAD + " -r -w 0,0,0 -c 0,0,0"
                : "awk '{ print \"LOAD CRITICAL - load average: \" $1 }' /proc/loadavg; exit 2";
        String json = """
                {"client": {"name": "%s", "address": "127.0.0.1", "subscriptions": ["story"],
                            "socket": {"port": %d}, "http_socket": {"port": %d},
                            "allow_remote_commands": true, "allowed_remote_commands": %s},
                 "checks": {"check_load": {"command": %s, "standalone": true, "interval": 1, "timeout": 10,
                                           "occurrences": 3, "refresh": 1800, "handlers": ["diagnostics"]}}}
                """.formatted(name, freePort(), freePort(), JSON.writeValueAsString(allowed), JSON.writeValueAsString(command));
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentProcess a : agents) {
            a.close();
        }
        if (server != null) {
            server.close();
        }
        if (chat != null) {
            chat.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aLoadAlertRunsTheDiagnosticsThroughTheAgentPostsToChatAndEscalatesAFailureByMail() throws Exception {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                posts.stream().anyMatch(p -> p.contains("Load diagnostics for web-01\\n"))
                        && posts.stream().anyMatch(p -> p.contains("Load diagnostics for db-01 failed")));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessages().length >= 1);

        // the chat post of web-01 carries the real data gathered on this machine through its agent
        String summary = posts.stream().filter(p -> p.contains("Load diagnostics for web-01\\n")).findFirst().orElseThrow();
        JsonNode post = JSON.readTree(summary);
        assertThat(post.get("channel").asText()).isEqualTo("#ops");
        assertThat(post.get("text").asText()).contains("Load: {").contains("State R:").contains("Open files:");

        // db-01's agent refused the process listing: the chain escalated by mail, then posted
        MimeMessage escalation = mail.getReceivedMessages()[0];
        assertThat(escalation.getSubject()).isEqualTo("[Reflex] load diagnostics failed on db-01");
        assertThat(String.valueOf(escalation.getContent())).contains("Refused by agent db-01");

        // every record through the API: one diagnosis per host (the occurrences filter), each task via its agent
        JsonNode diags = json("/api/v1/executions?action=linux.diag_loadavg");
        assertThat(diags).hasSize(2);
        for (JsonNode d : diags) {
            assertThat(d.get("status").asText()).isEqualTo("succeeded");
            String host = d.get("parameters").get("hostname").asText();
            JsonNode tasks = d.get("result").get("tasks");
            JsonNode checkLoad = tasks.get(0);
            assertThat(checkLoad.get("name").asText()).isEqualTo("check_load");
            assertThat(checkLoad.get("result").get(host).get("via").asText()).isEqualTo("agent:" + host);
            assertThat(checkLoad.get("result").get(host).get("stdout").has("1")).isTrue();
            List<String> names = new ArrayList<>();
            tasks.forEach(t -> names.add(t.get("name").asText() + ":" + t.get("state").asText()));
            if (host.equals("web-01")) {
                assertThat(names).startsWith("check_load:succeeded", "d_state_processes:succeeded",
                        "r_state_processes:succeeded", "netstat:succeeded").endsWith("post_summary:succeeded");
            } else {
                assertThat(names).containsExactly("check_load:succeeded", "d_state_processes:failed",
                        "email_escalation:succeeded", "post_failure:succeeded");
            }
            JsonNode children = json("/api/v1/executions/" + d.get("id").asText() + "/children");
            assertThat(children).hasSize(tasks.size());
        }

        // the trace from the Sensu event's trigger instance to the workflow and its tasks
        JsonNode enforcements = json("/api/v1/ruleenforcements?rule_ref=sensu.loadavg_diag");
        assertThat(enforcements).hasSize(2);
        String triggerInstance = enforcements.get(0).get("trigger_instance_id").asText();
        JsonNode instance = json("/api/v1/triggerinstances/" + triggerInstance);
        assertThat(instance.get("payload").get("check").get("name").asText()).isEqualTo("check_load");
        assertThat(instance.get("payload").get("occurrences").asInt()).isEqualTo(3);
        String trace = http.get("/api/v1/traces/" + triggerInstance).body();
        assertThat(trace).contains("linux.diag_loadavg").contains("linux.check_loadavg").contains("chat.post");
        JsonNode events = json("/sensu/events");
        assertThat(events.findValuesAsText("name")).contains("web-01", "db-01");
    }

    static JsonNode json(String path) throws IOException {
        var response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
