package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.checks.JsonValues;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.Http;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensu's API at Sensu's root paths on its own port ({@code sensu.api}), called with a plain HTTP
 * client the way Sensu tools call it: status codes, bodies and headers as Sensu answers them, HTTP
 * basic authentication, the {@code /sensu/} prefix on Reflex's port unchanged, and the port closed on
 * shutdown.
 */
class SensuApiPortTest {

    static final String CHECKS = """
            {"checks": {"disk": {"command": "check_disk", "subscribers": ["linux"], "interval": 60, "aggregate": "fleet"}}}""";

    @TempDir
    Path dir;
    SensuHarness server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start(String user, String password) throws Exception {
        server = new SensuHarness(dir, CHECKS,
                c -> c.withSensuApi(new ReflexConfig.SensuApi("127.0.0.1", 0, user, password)));
    }

    Http sensu(String... headers) {
        return Http.local(server.app.sensuApiPort(), headers);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(HttpResponse<String> r) {
        return (List<Map<String, Object>>) JsonValues.read(r.body());
    }

    @Test
    void sensuToolsCallTheRootPathsAndGetSensusAnswers() throws Exception {
        start(null, null);
        Http sensu = sensu();

        HttpResponse<String> posted = sensu.send("POST", "/results",
                "{\"name\":\"disk\",\"output\":\"DISK CRITICAL\",\"status\":2,\"source\":\"db-1\"}",
                "application/x-www-form-urlencoded");
        assertThat(posted.statusCode()).as("curl -d sends a form content type; Sensu reads the body as JSON anyway")
                .isEqualTo(202);
        assertThat(posted.body()).matches("\\{\"issued\":\\d+}");
        assertThat(posted.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(posted.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(posted.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("Origin, X-Requested-With, Content-Type, Accept, Authorization");
        assertThat(posted.headers().firstValue("X-Request-ID")).isPresent();
        assertThat(sensu.with("X-Request-ID", "trace-42").get("/info").headers().firstValue("X-Request-ID"))
                .contains("trace-42");

        List<Map<String, Object>> events = list(sensu.get("/events"));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(((Map<?, ?>) e.get("client")).get("name")).isEqualTo("db-1");
            assertThat(((Map<?, ?>) e.get("check")).get("command")).isEqualTo("check_disk");
        });
        Map<?, ?> viaPrefix = (Map<?, ?>) server.get("/sensu/events/db-1/disk");
        assertThat(viaPrefix.get("id")).as("the same event under /sensu/ on Reflex's port").isEqualTo(events.get(0).get("id"));
        assertThat(list(sensu.get("/events/db-1"))).hasSize(1);
        assertThat(list(sensu.get("/incidents"))).hasSize(1);

        for (int i = 0; i < 3; i++) {
            sensu.post("/results", "{\"name\":\"disk\",\"output\":\"ok\",\"status\":0,\"source\":\"web-" + i + "\"}");
        }
        HttpResponse<String> page = sensu.get("/results?limit=2&offset=1");
        assertThat(page.headers().firstValue("X-Pagination")).contains("{\"limit\":2,\"offset\":1,\"total\":4}");
        assertThat(list(page)).hasSize(2);
        assertThat(list(sensu.get("/results?filter.client=web-2"))).extracting(r -> r.get("client")).containsExactly("web-2");
        assertThat(list(sensu.get("/results?filter.check.status=2&filter.check.name=disk")))
                .extracting(r -> r.get("client")).containsExactly("db-1");
        assertThat(list(sensu.get("/results?filter.check.status=0&limit=2")))
                .as("filtered after pagination, as Sensu does").extracting(r -> r.get("client")).containsExactly("web-0");
        assertThat(list(server.http().get("/sensu/results?filter.check.output=ok"))).as("and under /sensu/").hasSize(3);
        assertThat(sensu.get("/results?limit=abc").statusCode()).as("Sensu ignores a malformed integer").isEqualTo(200);
        assertThat(list(sensu.get("/results?limit=abc"))).hasSize(4);
        assertThat(server.http().get("/sensu/results?limit=abc").statusCode()).as("Reflex's port keeps its 400").isEqualTo(400);

        HttpResponse<String> resolved = sensu.post("/resolve", "{\"client\":\"db-1\",\"check\":\"disk\"}");
        assertThat(resolved.statusCode()).isEqualTo(202);
        assertThat(resolved.body()).contains("\"issued\":");
        HttpResponse<String> gone = sensu.get("/events/db-1/disk");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).as("Sensu's errors have no body").isEmpty();
        assertThat(gone.headers().firstValue(SensuApiPort.ERROR_HEADER)).contains("no event for client 'db-1' and check 'disk'");
        assertThat(sensu.post("/resolve", "{\"client\":\"db-1\",\"check\":\"disk\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> bad = sensu.post("/results", "{\"name\":");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEmpty();
        assertThat(sensu.post("/results", "{\"name\":\"bad name\",\"output\":\"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void healthInfoChecksSilencesAndAggregatesAtTheRootPaths() throws Exception {
        start(null, null);
        Http sensu = sensu();
        assertThat(sensu.get("/health").statusCode()).isEqualTo(204);
        HttpResponse<String> unhealthy = sensu.get("/health?consumers=1");
        assertThat(unhealthy.statusCode()).as("no agent is connected").isEqualTo(412);
        assertThat(JsonValues.read(unhealthy.body())).isEqualTo(List.of(
                "keepalive consumers (0) less than min_consumers (1)", "result consumers (0) less than min_consumers (1)"));
        assertThat(sensu.get("/health?messages=0").statusCode()).isEqualTo(204);
        assertThat(((Map<?, ?>) JsonValues.read(sensu.get("/info").body())).get("sensu"))
                .satisfies(s -> assertThat(((Map<?, ?>) s).get("version")).isEqualTo("1.9.0"));

        assertThat(list(sensu.get("/checks"))).extracting(c -> c.get("name")).containsExactly("disk");
        assertThat(sensu.post("/request", "{\"check\":\"disk\",\"subscribers\":[\"linux\"]}").statusCode()).isEqualTo(202);
        assertThat(sensu.post("/request", "{\"check\":\"nope\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> silenced = sensu.post("/silenced", "{\"subscription\":\"client:db-1\",\"expire\":3600}");
        assertThat(silenced.statusCode()).isEqualTo(201);
        assertThat(silenced.body()).isEmpty();
        assertThat(list(sensu.get("/silenced"))).extracting(s -> s.get("id")).containsExactly("client:db-1:*");
        assertThat(sensu.post("/silenced/clear", "{\"id\":\"client:db-1:*\"}").statusCode()).isEqualTo(204);
        assertThat(sensu.post("/silenced/clear", "{\"id\":\"client:db-1:*\"}").statusCode()).isEqualTo(404);

        sensu.post("/results", "{\"name\":\"disk\",\"output\":\"full\",\"status\":2,\"source\":\"db-1\"}");
        assertThat(list(sensu.get("/aggregates"))).containsExactly(Map.of("name", "fleet"));
        assertThat(sensu.get("/aggregates/fleet/results/critical").statusCode()).isEqualTo(200);
        assertThat(sensu.post("/clients", "{\"name\":\"made\",\"address\":\"10.0.0.9\",\"subscriptions\":[]}").body())
                .isEqualTo("{\"name\":\"made\"}");
        assertThat(list(sensu.get("/clients/db-1/history"))).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("last_status", 2L));
        assertThat(sensu.delete("/events/db-1/disk").statusCode()).isEqualTo(202);
        assertThat(sensu.delete("/results/db-1/disk").statusCode()).isEqualTo(204);
    }

    @Test
    void unknownPathsOtherMethodsHeadAndOptionsAreAnsweredAsSensuDoes() throws Exception {
        start(null, null);
        Http sensu = sensu();
        HttpResponse<String> unknown = sensu.get("/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEmpty();
        HttpResponse<String> put = sensu.put("/events", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(sensu.send("PATCH", "/silenced/clear", "{}", "application/json").headers().firstValue("Allow"))
                .contains("POST");
        HttpResponse<String> head = sensu.send("HEAD", "/events", null, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(sensu.send("OPTIONS", "/events", null, null).statusCode()).isEqualTo(200);
        assertThat(sensu.get("/sensu/events").statusCode()).as("only the root paths on this port").isEqualTo(404);
        assertThat(sensu.get("/api/v1/keys").statusCode()).as("Reflex's own API stays on its port").isEqualTo(404);
        assertThat(server.http().get("/events").statusCode()).as("and the root paths are not on Reflex's port").isEqualTo(404);
        assertThat(server.http().get("/sensu/events").statusCode()).isEqualTo(200);
    }

    @Test
    void basicAuthenticationWithAPasswordFromTheKeyValueStore() throws Exception {
        start("admin", "kv:sensu_api_password");
        Http anonymous = sensu();
        Http admin = sensu("Authorization", basic("admin", "s3cret:with-colon"));
        assertThat(admin.get("/events").statusCode()).as("no secret stored yet: every request is refused").isEqualTo(401);

        server.app.store().keyValues().put("sensu_api_password", "s3cret:with-colon", true, null);
        HttpResponse<String> refused = anonymous.get("/events");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Restricted Area\"");
        assertThat(sensu("Authorization", basic("admin", "wrong")).get("/events").statusCode()).isEqualTo(401);
        assertThat(sensu("Authorization", basic("root", "s3cret:with-colon")).get("/events").statusCode()).isEqualTo(401);
        assertThat(sensu("Authorization", "Bearer s3cret:with-colon").get("/events").statusCode()).isEqualTo(401);
        assertThat(sensu("Authorization", "Basic !!!").get("/events").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/nope").statusCode()).as("credentials are checked before routing").isEqualTo(401);
        assertThat(anonymous.send("OPTIONS", "/events", null, null).statusCode()).as("a CORS preflight has no credentials")
                .isEqualTo(200);
        assertThat(anonymous.post("/results", "{\"name\":\"disk\",\"output\":\"x\",\"status\":2,\"source\":\"db-1\"}")
                .statusCode()).isEqualTo(401);
        assertThat(server.http().get("/sensu/events").body()).as("the refused result was not stored").isEqualTo("[]");

        assertThat(admin.post("/results", "{\"name\":\"disk\",\"output\":\"x\",\"status\":2,\"source\":\"db-1\"}")
                .statusCode()).isEqualTo(202);
        assertThat(list(admin.get("/events"))).hasSize(1);
        assertThat(admin.get("/health").statusCode()).isEqualTo(204);
        assertThat(server.http().get("/sensu/events").statusCode()).as("Reflex's port keeps its own authentication")
                .isEqualTo(200);

        server.app.store().keyValues().put("sensu_api_password", "rotated", true, null);
        assertThat(admin.get("/events").statusCode()).as("a changed secret applies at once").isEqualTo(401);
        assertThat(sensu("Authorization", basic("admin", "rotated")).get("/events").statusCode()).isEqualTo(200);
    }

    @Test
    void aLiteralPasswordWorksAndIsNeverShown() throws Exception {
        start("sensu", "plain-pass");
        assertThat(sensu("Authorization", basic("sensu", "plain-pass")).get("/info").statusCode()).isEqualTo(200);
        assertThat(sensu().get("/info").statusCode()).isEqualTo(401);
        assertThat(server.app.config().sensuApi().toString()).doesNotContain("plain-pass").contains("user=sensu");
    }

    @Test
    void shutdownClosesTheSensuPort() throws Exception {
        start(null, null);
        int port = server.app.sensuApiPort();
        assertThat(sensu().get("/health").statusCode()).isEqualTo(204);
        server.close();
        server = null;
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), (int) Duration.ofSeconds(2).toMillis());
            }
        }).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound after shutdown", e);
        }
    }

    @Test
    void aTakenPortStopsTheStartWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> new SensuHarness(dir, CHECKS,
                    c -> c.withSensuApi(new ReflexConfig.SensuApi("127.0.0.1", port, null, null))))
                    .hasMessageContaining("the Sensu API cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("sensu.api in reflex.yaml");
        }
    }

    @Test
    void aRealServerProcessServesTheConfiguredPortAndClosesItOnSigterm() throws Exception {
        int port = SensuHarness.freePort();
        java.nio.file.Files.writeString(dir.resolve("values.yaml"), "SENSU_API_PASSWORD: \"pw-from-values\"\n");
        Path config = java.nio.file.Files.writeString(dir.resolve("reflex.yaml"), """
                sensu:
                  api:
                    port: %d
                    user: sensu
                    password: "@@SENSU_API_PASSWORD@@"
                values_file: values.yaml
                """.formatted(port));
        try (var process = dev.reflex.testkit.ReflexProcess.start(dir.resolve("data"), "--config", config.toString())) {
            Http sensu = Http.local(port, "Authorization", basic("sensu", "pw-from-values"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> sensu.get("/health").statusCode() == 204);
            assertThat(sensu.post("/results", "{\"name\":\"backup\",\"output\":\"failed\",\"status\":2,\"source\":\"db-1\"}")
                    .statusCode()).isEqualTo(202);
            assertThat(list(sensu.get("/events"))).singleElement()
                    .satisfies(e -> assertThat(((Map<?, ?>) e.get("check")).get("output")).isEqualTo("failed"));
            assertThat(Http.local(port).get("/events").statusCode()).isEqualTo(401);
            assertThat(Http.local(process.port()).get("/sensu/events/db-1/backup").statusCode()).isEqualTo(200);
            assertThat(process.terminate()).isZero();
            assertThat(process.output()).contains("Sensu API listening on http://127.0.0.1:" + port)
                    .doesNotContain("pw-from-values");
            assertThatThrownBy(() -> sensu.get("/health")).as("the port is closed").isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void withoutSensuApiNoPortIsOpened() throws Exception {
        server = new SensuHarness(dir, CHECKS);
        assertThatThrownBy(() -> server.app.sensuApiPort()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sensu.api is not configured");
    }
}
