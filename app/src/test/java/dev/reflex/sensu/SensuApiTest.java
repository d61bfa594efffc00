package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.JsonValues;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensu's HTTP API under /sensu/: status codes, bodies, pagination, bad input, durability across a restart. */
class SensuApiTest {

    @TempDir
    Path dir;
    SensuHarness server;

    @BeforeEach
    void start() throws Exception {
        server = new SensuHarness(dir, """
                {"checks": {"disk": {"command": "check_disk", "subscribers": ["linux"], "interval": 60, "aggregate": "fleet"},
                            "solo": {"command": "true", "standalone": true, "interval": 60}}}""");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    static List<Object> objects(Object list) {
        return (List<Object>) list;
    }

    HttpResponse<String> post(String path, String json) {
        return server.http().post(path, json);
    }

    void result(String source, String check, int status) {
        assertThat(post("/sensu/results", "{\"name\":\"" + check + "\",\"output\":\"s" + status + "\",\"status\":" + status
                + ",\"source\":\"" + source + "\"}").statusCode()).isEqualTo(202);
    }

    @Test
    void resultsBecomeEventsAndSurviveARestartWithTheirIds() throws Exception {
        HttpResponse<String> r = post("/sensu/results", "{\"name\":\"disk\",\"output\":\"full\",\"status\":2,\"source\":\"db-1\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"issued\":");
        Map<?, ?> event = (Map<?, ?>) server.get("/sensu/events/db-1/disk");
        assertThat(((Map<?, ?>) event.get("check")).get("command")).as("merged over the definition").isEqualTo("check_disk");
        server.stop();
        server.start();
        Map<?, ?> again = (Map<?, ?>) server.get("/sensu/events/db-1/disk");
        assertThat(again.get("id")).isEqualTo(event.get("id"));
        result("db-1", "disk", 2);
        assertThat(((Map<?, ?>) server.get("/sensu/events/db-1/disk")).get("occurrences")).isEqualTo(2L);
        assertThat(server.list("/sensu/results/db-1")).singleElement()
                .satisfies(x -> assertThat(((Map<?, ?>) x.get("check")).get("history")).isEqualTo(List.of(2L, 2L)));
    }

    @Test
    void badInputIsAClear400AndTheServerKeepsServing() {
        assertThat(post("/sensu/results", "{\"name\":").statusCode()).isEqualTo(400);
        HttpResponse<String> invalid = post("/sensu/results", "{\"name\":\"bad name\",\"output\":1}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("invalid check result");
        assertThat(post("/sensu/silenced", "{\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(post("/sensu/request", "{}").statusCode()).isEqualTo(400);
        assertThat(server.http().get("/sensu/results?limit=abc").statusCode()).isEqualTo(400);
        assertThat(server.http().get("/sensu/health").statusCode()).isEqualTo(204);
    }

    @Test
    void listsPaginateWithTheXPaginationHeader() {
        for (int i = 0; i < 5; i++) {
            result("host-" + i, "disk", 1);
        }
        HttpResponse<String> page = server.http().get("/sensu/events?limit=2&offset=1");
        assertThat(page.headers().firstValue("X-Pagination")).contains("{\"limit\":2,\"offset\":1,\"total\":5}");
        assertThat(server.list("/sensu/events?limit=2&offset=1")).extracting(e -> (Object) ((Map<?, ?>) e.get("client")).get("name"))
                .containsExactly("host-1", "host-2");
        assertThat(server.list("/sensu/clients")).hasSize(5);
        assertThat(server.http().get("/sensu/clients").headers().firstValue("X-Pagination")).isEmpty();
    }

    @Test
    void resolvingAndDeletingEvents() {
        result("web-1", "disk", 2);
        result("web-2", "disk", 2);
        assertThat(post("/sensu/resolve", "{\"client\":\"web-1\",\"check\":\"disk\"}").statusCode()).isEqualTo(202);
        assertThat(server.http().get("/sensu/events/web-1/disk").statusCode()).isEqualTo(404);
        assertThat(server.http().delete("/sensu/events/web-2/disk").statusCode()).isEqualTo(202);
        assertThat(server.list("/sensu/events")).isEmpty();
        assertThat(post("/sensu/resolve", "{\"client\":\"web-1\",\"check\":\"disk\"}").statusCode()).isEqualTo(404);
        assertThat(server.http().get("/sensu/results/web-1/disk").body()).contains("Resolving on request of the API");
    }

    @Test
    void clientsChecksAndRequests() {
        assertThat(post("/sensu/clients", "{\"name\":\"api-made\",\"address\":\"10.0.0.1\",\"subscriptions\":[\"linux\"],"
                + "\"password\":\"hunter2\"}").statusCode()).isEqualTo(201);
        Map<?, ?> client = (Map<?, ?>) server.get("/sensu/clients/api-made");
        assertThat(client.get("keepalives")).isEqualTo(false);
        assertThat(client.get("password")).isEqualTo("REDACTED");
        assertThat(objects(client.get("subscriptions"))).contains("linux", "client:api-made");
        assertThat(post("/sensu/clients", "{\"address\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(server.http().get("/sensu/clients/nobody").statusCode()).isEqualTo(404);
        result("api-made", "disk", 2);
        assertThat(server.list("/sensu/clients/api-made/history")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("check", "disk").containsEntry("last_status", 2L));
        assertThat(server.http().delete("/sensu/clients/api-made").statusCode()).isEqualTo(202);
        assertThat(server.http().get("/sensu/clients/api-made").statusCode()).isEqualTo(404);
        assertThat(server.list("/sensu/events")).isEmpty();
        assertThat(server.list("/sensu/checks")).extracting(c -> c.get("name")).containsExactly("disk");
        assertThat(server.http().get("/sensu/checks/solo").statusCode()).isEqualTo(404);
        assertThat(post("/sensu/request", "{\"check\":\"disk\"}").statusCode()).isEqualTo(202);
        assertThat(post("/sensu/request", "{\"check\":\"nope\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientDeletedWithInvalidationIsRefusedUntilTheExpiryThenRegistersAfresh() throws Exception {
        String client = "{\"name\":\"gone-1\",\"address\":\"10.0.0.9\",\"subscriptions\":[\"linux\"]}";
        assertThat(post("/sensu/clients", client).statusCode()).isEqualTo(201);
        assertThat(server.http().delete("/sensu/clients/gone-1?invalidate=true&invalidate_expire=60").statusCode())
                .isEqualTo(202);
        assertThat(server.http().get("/sensu/clients/gone-1").statusCode()).isEqualTo(404);
        assertThat(post("/sensu/clients", client).statusCode()).as("its registration is refused").isEqualTo(400);
        result("gone-1", "disk", 2);
        assertThat(server.http().get("/sensu/events/gone-1/disk").statusCode()).as("its results are dropped").isEqualTo(404);
        assertThat(server.http().get("/sensu/clients/gone-1").statusCode()).as("no proxy client made").isEqualTo(404);
        server.stop();
        server.start();
        assertThat(post("/sensu/clients", client).statusCode()).as("still, after a restart").isEqualTo(400);
        server.clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(post("/sensu/clients", client).statusCode()).as("expired: registers afresh").isEqualTo(201);
        assertThat(server.http().get("/sensu/clients/gone-1").statusCode()).isEqualTo(200);
        // invalidate without an expiry, or invalidate=false, invalidates nothing
        assertThat(server.http().delete("/sensu/clients/gone-1?invalidate=true").statusCode()).isEqualTo(202);
        assertThat(post("/sensu/clients", client).statusCode()).isEqualTo(201);
        assertThat(server.http().delete("/sensu/clients/gone-1?invalidate=false&invalidate_expire=60").statusCode())
                .isEqualTo(202);
        assertThat(post("/sensu/clients", client).statusCode()).isEqualTo(201);
    }

    @Test
    void silencedEntriesAndAggregates() {
        assertThat(post("/sensu/silenced", "{\"subscription\":\"client:web-1\",\"reason\":\"maintenance\",\"expire\":3600}")
                .statusCode()).isEqualTo(201);
        assertThat(post("/sensu/silenced", "{\"check\":\"disk\"}").statusCode()).isEqualTo(201);
        assertThat(server.list("/sensu/silenced")).extracting(s -> (Object) s.get("id")).containsExactly("*:disk", "client:web-1:*");
        assertThat(((Map<?, ?>) server.get("/sensu/silenced/ids/client:web-1:*")).get("expire")).isEqualTo(3600L);
        result("web-1", "disk", 2);
        Map<?, ?> event = (Map<?, ?>) server.get("/sensu/events/web-1/disk");
        assertThat(event.get("silenced")).isEqualTo(true);
        assertThat(objects(event.get("silenced_by"))).containsExactlyInAnyOrder("client:web-1:*", "*:disk");
        assertThat(post("/sensu/silenced/clear", "{\"id\":\"*:disk\"}").statusCode()).isEqualTo(204);
        assertThat(post("/sensu/silenced/clear", "{\"id\":\"*:disk\"}").statusCode()).isEqualTo(404);
        assertThat(post("/sensu/silenced/clear", "{\"subscription\":\"client:web-1\"}").statusCode()).isEqualTo(204);

        result("web-2", "disk", 0);
        assertThat(server.list("/sensu/aggregates")).containsExactly(Map.<String, Object>of("name", "fleet"));
        Map<?, ?> summary = (Map<?, ?>) server.get("/sensu/aggregates/fleet");
        assertThat(summary.get("results").toString()).contains("ok=1").contains("critical=1").contains("total=2");
        assertThat(server.list("/sensu/aggregates/fleet/results/critical")).singleElement()
                .satisfies(r -> assertThat(r.get("check")).isEqualTo("disk"));
        assertThat(server.http().get("/sensu/aggregates/fleet/results/bad").statusCode()).isEqualTo(400);
        assertThat(server.http().delete("/sensu/aggregates/fleet").statusCode()).isEqualTo(204);
        assertThat(server.http().get("/sensu/aggregates/fleet").statusCode()).isEqualTo(404);
        assertThat(server.http().get("/sensu/health?consumers=1").statusCode()).isEqualTo(412);
        assertThat(server.http().get("/sensu/info").body()).contains("\"version\":\"1.9.0\"");
    }

    @Test
    void theSettingsAreAnsweredWithSecretsRedactedAlways() throws Exception {
        try (SensuHarness other = new SensuHarness(dir.resolve("settings"), """
                {"checks": {"disk": {"command": "check_disk -w 80", "subscribers": ["linux"], "interval": 60}},
                 "handlers": {"mail": {"type": "pipe", "command": "mailer", "smtp": {"user": "ops", "password": "hunter2"}},
                              "pd": {"type": "pipe", "command": "pagerduty", "api_key": "k-123"}}}""")) {
            Map<String, Object> settings = JsonValues.asMap(other.get("/sensu/settings"));
            Map<String, Object> checks = JsonValues.asMap(settings.get("checks"));
            assertThat(JsonValues.asMap(checks.get("disk")).get("command")).isEqualTo("check_disk -w 80");
            Map<String, Object> handlers = JsonValues.asMap(settings.get("handlers"));
            Map<String, Object> smtp = JsonValues.asMap(JsonValues.asMap(handlers.get("mail")).get("smtp"));
            assertThat(smtp).containsEntry("user", "ops").containsEntry("password", "REDACTED");
            assertThat(JsonValues.asMap(handlers.get("pd"))).containsEntry("api_key", "REDACTED");

            String unredacted = other.http().get("/sensu/settings?redacted=false").body();
            assertThat(unredacted).as("Sensu would answer the secrets; Reflex never does").doesNotContain("hunter2")
                    .doesNotContain("k-123").contains("REDACTED");
        }
    }
}
