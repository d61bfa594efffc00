package dev.reflex.runners.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.chat.ChatStandIn.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat-post runner against a local HTTP server standing in for each platform. */
class ChatPostRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "xoxb-1234-secret-token";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<Duration> slept = new ArrayList<>();
    private final Map<String, String> kv = new HashMap<>(Map.of("slack_bot_token", TOKEN));
    private ChatStandIn server;
    private ChatPostRunner runner;

    @AfterEach
    void close() {
        if (runner != null) {
            runner.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RunOutcome post(ChatSettings settings, Map<String, Object> params) {
        runner = new ChatPostRunner(settings, slept::add);
        RunContext context = RunContext.standalone(CLOCK).withSecrets(name -> Optional.ofNullable(kv.get(name)));
        return runner.run(RunRequest.of("e1", "chat.post").withRunnerParameters(params), context);
    }

    private static JsonNode json(ChatStandIn.Received r) throws Exception {
        return JSON.readTree(r.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> posts(RunOutcome outcome) {
        return (List<Map<String, Object>>) outcome.result().get("posts");
    }

    @Test
    void slackWebApiPostsJsonWithTheBotTokenFromTheKeyValueStore() throws Exception {
        server = ChatStandIn.answering(200, "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1401383885.000061\"}");
        RunOutcome outcome = post(ChatSettings.slack(server.url("/api/chat.postMessage"), "slack_bot_token", "#ops"),
                Map.of("message", "load is 12.5 on web-1", "blocks", List.of(Map.of("type", "divider"))));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        ChatStandIn.Received request = server.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/chat.postMessage");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = json(request);
        assertThat(body.get("channel").asText()).isEqualTo("#ops");
        assertThat(body.get("text").asText()).isEqualTo("load is 12.5 on web-1");
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("divider");
        assertThat(outcome.result()).containsEntry("configured", true).containsEntry("platform", "slack")
                .containsEntry("channel", "#ops").containsEntry("parts", 1);
        assertThat(posts(outcome)).containsExactly(Map.of("part", 1, "attempts", 1, "status", 200,
                "ts", "1401383885.000061", "channel", "C024BE91L"));
        assertThat(outcome.result().toString()).doesNotContain(TOKEN);
    }

    @Test
    void slackOkFalseFailsTheExecutionWithSlacksErrorAndNoToken() throws Exception {
        server = ChatStandIn.answering(200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        RunOutcome outcome = post(ChatSettings.slack(server.url("/api/chat.postMessage"), "slack_bot_token", "#nope"),
                Map.of("message", "hello"));

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result().get("error")).isEqualTo("Slack refused the post: channel_not_found");
        assertThat(posts(outcome)).singleElement().satisfies(p -> assertThat(p).containsEntry("status", 200));
        assertThat(outcome.result().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingTokenOrChannelFailsBeforeAnythingIsSent() throws Exception {
        server = ChatStandIn.answering(200, "{\"ok\":true}");
        kv.clear();
        RunOutcome noToken = post(ChatSettings.slack(server.url("/api"), "slack_bot_token", "#ops"), Map.of("message", "x"));
        assertThat(noToken.result().get("error")).isEqualTo(
                "the key-value entry 'slack_bot_token' named by chat.token_key does not exist; store the Slack bot token there");
        runner.close();
        kv.put("slack_bot_token", TOKEN);
        RunOutcome noChannel = post(ChatSettings.slack(server.url("/api"), "slack_bot_token", null), Map.of("message", "x"));
        assertThat(noChannel.result().get("error")).asString().startsWith("no channel");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aLongMessageIsSplitAtLinesIntoNumberedPostsSentInOrder() throws Exception {
        server = ChatStandIn.answering(200, "ok");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            text.append("line ").append(i).append(": ").append("x".repeat(50)).append('\n');
        }
        ChatSettings settings = ChatSettings.webhook(ChatPlatform.SLACK_WEBHOOK, server.url("/services/T/B/X"))
                .withChannel("#ops").withMaxChars(1000);
        RunOutcome outcome = post(settings, Map.of("message", text.toString(),
                "attachments", List.of(Map.of("color", "danger", "text", "details"))));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        List<ChatStandIn.Received> received = server.received();
        int n = received.size();
        assertThat(n).isGreaterThan(3);
        assertThat(outcome.result()).containsEntry("parts", n);
        assertThat(posts(outcome)).hasSize(n).extracting(p -> p.get("part")).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode body = json(received.get(i));
            String part = body.get("text").asText();
            assertThat(part.length()).isLessThanOrEqualTo(1000);
            assertThat(part).startsWith("(" + (i + 1) + "/" + n + ")\n");
            assertThat(body.get("channel").asText()).isEqualTo("#ops");
            assertThat(body.has("attachments")).isEqualTo(i == 0);
            lines.addAll(List.of(part.substring(part.indexOf('\n') + 1).split("\n")));
        }
        assertThat(String.join("\n", lines) + "\n").isEqualTo(text.toString());
    }

    @Test
    void http429IsRetriedAfterItsRetryAfterWithoutRealSleeping() throws Exception {
        server = ChatStandIn.answering(200, "ok").thenAnswer(new Answer(429, Map.of("Retry-After", "7"), "rate_limited"),
                new Answer(429, Map.of("Retry-After", "Thu, 01 Jan 2026 00:00:03 GMT"), ""));
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.MATTERMOST, server.url("/hooks/abc")),
                Map.of("message", "hi"));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
        assertThat(server.received()).hasSize(3).extracting(ChatStandIn.Received::body).containsOnly("{\"text\":\"hi\"}");
        assertThat(posts(outcome).getFirst()).containsEntry("attempts", 3).containsEntry("status", 200)
                .containsEntry("waited_seconds", 10L);
    }

    @Test
    void retriesAreBoundedAndThenTheExecutionFails() throws Exception {
        server = ChatStandIn.answering(429, "slow down");
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.SLACK_WEBHOOK, server.url("/x")).withMaxRetries(2),
                Map.of("message", "hi"));

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(server.received()).hasSize(3);
        assertThat(slept).hasSize(2).containsOnly(ChatPoster.DEFAULT_RETRY_AFTER);
        assertThat(outcome.result().get("error")).isEqualTo("rate limited (HTTP 429) by slack-webhook; gave up after 2 retries");
    }

    @Test
    void aServerErrorFailsWithTheBodyAndStopsTheRemainingParts() throws Exception {
        server = ChatStandIn.answering(200, "ok").thenAnswer(Answer.of(200, "ok"), Answer.of(503, "upstream down"));
        String text = ("y".repeat(90) + "\n").repeat(30);
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.WEBHOOK, server.url("/hook/secret-path")).withMaxChars(500),
                Map.of("message", text));

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        int parts = (int) outcome.result().get("parts");
        assertThat(parts).isGreaterThan(2);
        assertThat(outcome.result().get("error")).isEqualTo("post 2/" + parts + ": HTTP 503 from webhook: upstream down");
        assertThat(server.received()).hasSize(2);
        assertThat(posts(outcome)).extracting(p -> p.get("status")).containsExactly(200, 503);
    }

    @Test
    void webhookUrlsFromTheKeyValueStoreStayOutOfErrors() {
        kv.put("hook", "http://127.0.0.1:9/hooks/very-secret-path");
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.MATTERMOST, "kv:hook"), Map.of("message", "hi"));

        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat(outcome.result().get("error")).asString().startsWith("cannot reach mattermost: ");
        assertThat(outcome.result().toString()).doesNotContain("very-secret-path");
        RunOutcome unknownKey = post(ChatSettings.webhook(ChatPlatform.MATTERMOST, "kv:nope"), Map.of("message", "hi"));
        assertThat(unknownKey.result().get("error")).isEqualTo("secret reference \"kv:nope\" names no key-value entry");
    }

    @Test
    void mattermostGetsChannelAndAttachmentsButRefusesBlocks() throws Exception {
        server = ChatStandIn.answering(200, "ok");
        ChatSettings settings = ChatSettings.webhook(ChatPlatform.MATTERMOST, server.url("/hooks/abc")).withChannel("town-square");
        RunOutcome ok = post(settings, Map.of("message", "hi", "channel", "ops",
                "attachments", "[{\"text\": \"more\"}]"));
        assertThat(ok).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(json(server.received().getFirst()).toString())
                .isEqualTo("{\"text\":\"hi\",\"channel\":\"ops\",\"attachments\":[{\"text\":\"more\"}]}");
        runner.close();
        RunOutcome refused = post(settings, Map.of("message", "hi", "blocks", List.of(Map.of("type", "divider"))));
        assertThat(refused.result().get("error")).isEqualTo("platform mattermost does not support blocks; use attachments");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void teamsGetsAnAdaptiveCardWithTheText() throws Exception {
        server = ChatStandIn.answering(202, "");
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.TEAMS, server.url("/workflows/x")).withChannel("#ops"),
                Map.of("message", "disk 95% on db-2"));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        JsonNode body = json(server.received().getFirst());
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(body.at("/attachments/0/content/type").asText()).isEqualTo("AdaptiveCard");
        assertThat(body.at("/attachments/0/content/body/0/text").asText()).isEqualTo("disk 95% on db-2");
        assertThat(body.at("/attachments/0/content/body/0/wrap").asBoolean()).isTrue();
        assertThat(body.has("channel")).isFalse();
        assertThat(posts(outcome).getFirst()).containsEntry("status", 202);
    }

    @Test
    void aGenericWebhookGetsTextAndChannel() throws Exception {
        server = ChatStandIn.answering(204, "");
        RunOutcome outcome = post(ChatSettings.webhook(ChatPlatform.WEBHOOK, server.url("/in")).withChannel("#ops"),
                Map.of("message", "hello"));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(server.received().getFirst().body()).isEqualTo("{\"text\":\"hello\",\"channel\":\"#ops\"}");
    }

    @Test
    void withoutChatConfiguredTheMessageGoesToTheResultUnlessConfigurationIsRequired() {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("message", "load is high", "channel", "#ops"));
        RunOutcome logged = post(ChatSettings.none(), params);
        assertThat(logged).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(logged.result()).containsEntry("configured", false).containsEntry("parts", 0)
                .containsEntry("message", "load is high").containsEntry("channel", "#ops");
        runner.close();
        params.put("require_configured", true);
        RunOutcome required = post(ChatSettings.none(), params);
        assertThat(required.result().get("error")).isEqualTo("chat is not configured: set the chat: section of reflex.yaml");
    }

    @Test
    void settingsNeverShowTheUrl() {
        ChatSettings settings = ChatSettings.webhook(ChatPlatform.SLACK_WEBHOOK, "https://hooks.slack.com/services/T0/B0/secret");
        assertThat(settings.toString()).doesNotContain("secret").contains("slack-webhook");
        assertThat(settings.withMaxChars(90_000).limit()).isEqualTo(40_000);
        assertThat(ChatSettings.webhook(ChatPlatform.MATTERMOST, "x").limit()).isEqualTo(16_383);
    }
}
