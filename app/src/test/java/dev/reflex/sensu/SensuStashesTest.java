package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.JsonValues;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sensu's stashes: paths with slashes, expiry on the test clock, bad input, a restart, Sensu's own port. */
class SensuStashesTest {

    @TempDir
    Path dir;
    SensuHarness server;

    @BeforeEach
    void start() throws Exception {
        server = new SensuHarness(dir, "{\"checks\": {}}", c -> c.withSensuApi(new ReflexConfig.SensuApi("127.0.0.1", 0, null, null)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> post(String path, String json) {
        return server.http().post(path, json);
    }

    @Test
    void aStashIsKeptUnderItsPathUntilDeleted() {
        HttpResponse<String> created = post("/sensu/stash/silence/db-1/disk", "{\"reason\": \"maintenance\", \"n\": 1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonValues.read(created.body())).isEqualTo(Map.of("path", "silence/db-1/disk"));
        assertThat(server.get("/sensu/stash/silence/db-1/disk")).isEqualTo(Map.of("reason", "maintenance", "n", 1L));
        assertThat(server.get("/sensu/stashes/silence/db-1/disk")).as("/stashes/PATH is the same")
                .isEqualTo(Map.of("reason", "maintenance", "n", 1L));

        assertThat(post("/sensu/stashes/silence/db-1/disk", "{\"reason\": \"replaced\"}").statusCode()).isEqualTo(201);
        assertThat(server.get("/sensu/stash/silence/db-1/disk")).isEqualTo(Map.of("reason", "replaced"));

        assertThat(server.http().delete("/sensu/stash/silence/db-1/disk").statusCode()).isEqualTo(204);
        assertThat(server.http().get("/sensu/stash/silence/db-1/disk").statusCode()).isEqualTo(404);
        assertThat(server.http().delete("/sensu/stashes/silence/db-1/disk").statusCode()).isEqualTo(404);
    }

    @Test
    void theListShowsTheSecondsLeftAndExpiredStashesAreGone() {
        assertThat(post("/sensu/stashes", "{\"path\": \"b/short\", \"content\": {\"x\": 1}, \"expire\": 60}").statusCode())
                .isEqualTo(201);
        assertThat(post("/sensu/stashes", "{\"path\": \"a/forever\", \"content\": {}}").statusCode()).isEqualTo(201);
        server.clock.advance(Duration.ofSeconds(15));

        List<Map<String, Object>> list = server.list("/sensu/stashes");
        assertThat(list).extracting(m -> m.get("path")).containsExactly("a/forever", "b/short");
        assertThat(list).extracting(m -> m.get("expire")).containsExactly(-1L, 45L);
        assertThat(list.get(1).get("content")).isEqualTo(Map.of("x", 1L));

        HttpResponse<String> page = server.http().get("/sensu/stashes?limit=1&offset=1");
        assertThat(JsonValues.read(page.body())).asList().hasSize(1);
        assertThat(page.headers().firstValue("X-Pagination")).contains("{\"limit\":1,\"offset\":1,\"total\":2}");

        server.clock.advance(Duration.ofSeconds(45));
        assertThat(server.http().get("/sensu/stash/b/short").statusCode()).isEqualTo(404);
        assertThat(server.list("/sensu/stashes")).extracting(m -> m.get("path")).containsExactly("a/forever");
        assertThat(server.http().delete("/sensu/stash/b/short").statusCode()).as("nothing live to delete").isEqualTo(404);
    }

    @Test
    void badInputIsA400AndNothingIsKept() {
        assertThat(post("/sensu/stashes", "{\"content\": {}}").statusCode()).isEqualTo(400);
        assertThat(post("/sensu/stashes", "{\"path\": \"p\", \"content\": [1]}").statusCode()).isEqualTo(400);
        assertThat(post("/sensu/stashes", "{\"path\": \"p\", \"content\": {}, \"expire\": \"soon\"}").statusCode()).isEqualTo(400);
        assertThat(post("/sensu/stash/p", "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(post("/sensu/stash/p", "{\"a\": ").statusCode()).isEqualTo(400);
        assertThat(server.list("/sensu/stashes")).isEmpty();
    }

    @Test
    void stashesSurviveARestartWithTheirExpiry() throws Exception {
        assertThat(post("/sensu/stashes", "{\"path\": \"keep\", \"content\": {\"k\": true}, \"expire\": 100}").statusCode())
                .isEqualTo(201);
        assertThat(post("/sensu/stashes", "{\"path\": \"lapse\", \"content\": {}, \"expire\": 10}").statusCode()).isEqualTo(201);
        assertThat(post("/sensu/stash/gone", "{}").statusCode()).isEqualTo(201);
        assertThat(server.http().delete("/sensu/stash/gone").statusCode()).isEqualTo(204);
        server.stop();
        server.clock.advance(Duration.ofSeconds(20));
        server.start();
        assertThat(server.get("/sensu/stash/keep")).isEqualTo(Map.of("k", true));
        List<Map<String, Object>> list = server.list("/sensu/stashes");
        assertThat(list).extracting(m -> m.get("path")).containsExactly("keep");
        assertThat(list.getFirst().get("expire")).isEqualTo(80L);
    }

    @Test
    void sensusOwnPortServesTheRootPaths() {
        Http sensu = Http.local(server.app.sensuApiPort());
        HttpResponse<String> created = sensu.send("POST", "/stash/client/db-1", "{\"owner\": \"ops\"}",
                "application/x-www-form-urlencoded");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonValues.read(sensu.get("/stash/client/db-1").body())).isEqualTo(Map.of("owner", "ops"));
        assertThat(JsonValues.read(sensu.get("/stashes").body())).asList().hasSize(1);
        assertThat(sensu.delete("/stashes/client/db-1").statusCode()).isEqualTo(204);
        assertThat(sensu.get("/stash/client/db-1").statusCode()).isEqualTo(404);
    }
}
