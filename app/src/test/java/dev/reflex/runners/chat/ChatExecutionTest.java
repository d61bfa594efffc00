package dev.reflex.runners.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat.post} as a real execution of a whole Reflex whose {@code chat:} configuration points
 * at a local server standing in for Slack's Web API, with the bot token in the key-value store.
 */
class ChatExecutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "xoxb-e2e-very-secret";

    @TempDir
    Path dir;

    @Test
    void chatPostRunsThroughTheApiAndPostsEveryPartWithTheStoredToken() throws Exception {
        try (ChatStandIn slack = ChatStandIn.answering(200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}")) {
            ReflexConfig config = EmbeddedReflex.config(dir).withChat(new ReflexConfig.Chat("slack",
                    slack.url("/api/chat.postMessage"), "slack_bot_token", "#ops", 200, Duration.ofSeconds(10), 3));
            try (App app = new App(config, Clock.systemUTC()).start()) {
                Http http = Http.local(app.httpPort());
                assertThat(app.executions().chatConfigured()).isTrue();
                HttpResponse<String> key = http.put("/api/v1/keys/slack_bot_token",
                        "{\"value\":\"" + TOKEN + "\",\"secret\":true}");
                assertThat(key.statusCode()).as(key.body()).isBetween(200, 201);

                String message = "load 12.5 on web-1\\n" + "D 4242 /usr/bin/stuck --io\\n".repeat(12);
                HttpResponse<String> created = http.post("/api/v1/executions",
                        "{\"action\":\"chat.post\",\"parameters\":{\"message\":\"" + message + "\"}}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                String id = JSON.readTree(created.body()).get("id").asText();
                JsonNode[] done = new JsonNode[1];
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    done[0] = JSON.readTree(http.get("/api/v1/executions/" + id).body());
                    return List.of("succeeded", "failed").contains(done[0].get("status").asText());
                });

                assertThat(done[0].get("status").asText()).as(done[0].toString()).isEqualTo("succeeded");
                int parts = done[0].at("/result/parts").asInt();
                assertThat(parts).isGreaterThan(1);
                assertThat(done[0].at("/result/posts")).hasSize(parts);
                assertThat(done[0].at("/result/channel").asText()).isEqualTo("#ops");
                assertThat(slack.received()).hasSize(parts).allSatisfy(r -> {
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                    assertThat(JSON.readTree(r.body()).get("channel").asText()).isEqualTo("#ops");
                });
                assertThat(JSON.readTree(slack.received().getFirst().body()).get("text").asText())
                        .startsWith("(1/" + parts + ")\nload 12.5 on web-1\n");
                assertThat(done[0].toString()).doesNotContain(TOKEN);
                assertThat(http.get("/api/v1/executions?action=chat.post").body()).doesNotContain(TOKEN);
            }
        }
    }

    @Test
    void withoutAChatSectionChatPostSucceedsWithTheMessageInItsResult() throws Exception {
        try (App app = new App(EmbeddedReflex.config(dir), Clock.systemUTC()).start()) {
            Http http = Http.local(app.httpPort());
            assertThat(app.executions().chatConfigured()).isFalse();
            HttpResponse<String> created = http.post("/api/v1/executions",
                    "{\"action\":\"chat.post\",\"parameters\":{\"message\":\"hello ops\"}}");
            String id = JSON.readTree(created.body()).get("id").asText();
            JsonNode[] done = new JsonNode[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                done[0] = JSON.readTree(http.get("/api/v1/executions/" + id).body());
                return List.of("succeeded", "failed").contains(done[0].get("status").asText());
            });
            assertThat(done[0].get("status").asText()).isEqualTo("succeeded");
            assertThat(done[0].at("/result/configured").asBoolean()).isFalse();
            assertThat(done[0].at("/result/message").asText()).isEqualTo("hello ops");
        }
    }
}
