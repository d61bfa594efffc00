package dev.reflex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.testkit.Http;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoints through real HTTP with API keys required: what the lean handler in front of
 * Javalin must answer exactly as the other endpoints do (keys, problems, limits, timers, other methods).
 */
class WebhookHttpTest extends KeyedApiTest {

    private static final String RULE = """
            name: hook_rule
            pack: examples
            enabled: true
            trigger: {type: core.st2.webhook, parameters: {url: sample}}
            action: {ref: core.noop}
            """;

    @BeforeEach
    void addRule() throws Exception {
        HttpResponse<String> created = user.send("POST", "/api/v1/rules", RULE, "application/yaml");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void webhooksNeedAKeyLikeEveryOtherEndpointAndAcceptEveryWayOfSendingIt() throws Exception {
        HttpResponse<String> r = anon.post("/api/v1/webhooks/sample", "{\"a\": 1}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        JsonNode p = json(r);
        assertThat(p.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(p.get("detail").asText()).startsWith("an API key is required");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/webhooks/sample");

        r = anon.with("St2-Api-Key", "wrong").post("/api/v1/webhooks/st2", "{\"trigger\": \"x\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).get("detail").asText()).isEqualTo("the API key presented is not valid");

        for (Http h : List.of(user, anon.with("X-Auth-Token", KEY), anon.with("Authorization", "Bearer " + KEY))) {
            r = h.post("/api/v1/webhooks/sample", "{\"a\": 1}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).isEqualTo("{\"a\":1}");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        r = anon.post("/api/v1/webhooks/sample?st2-api-key=" + KEY, "{\"a\": 2}");
        assertThat(r.statusCode()).as("the key as a query parameter").isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(user.get("/api/v1/triggerinstances?trigger=core.st2.webhook"))).hasSize(4));
        JsonNode payload = json(user.get("/api/v1/triggerinstances?trigger=core.st2.webhook")).get(0).get("payload");
        assertThat(payload.get("headers_lower").has("st2-api-key")).as("keys are not recorded").isFalse();
        assertThat(payload.get("headers_lower").has("authorization")).isFalse();
        assertThat(payload.get("headers_lower").get("content-type").asText()).isEqualTo("application/json");

        assertThat(user.post("/api/v1/triggertypes", "{\"name\": \"unheard\", \"pack\": \"examples\"}").statusCode())
                .isEqualTo(201);
        r = user.post("/api/v1/webhooks/st2", "{\"trigger\": \"examples.unheard\", \"payload\": {\"n\": 1}}");
        assertThat(r.statusCode()).as("an instance no rule listens to, stored already processed").isEqualTo(202);
        assertThat(json(user.get("/api/v1/triggerinstances?trigger=examples.unheard")).get(0).get("status").asText())
                .isEqualTo("processed");

        String metrics = anon.with("St2-Api-Key", ADMIN).get("/metrics").body();
        assertThat(metrics).containsPattern("reflex_http_requests_seconds_count\\{[^}]*route=\"/api/v1/webhooks/<hook>\""
                + "[^}]*status=\"202\"[^}]*} 5");
        assertThat(metrics).containsPattern("reflex_http_requests_seconds_count\\{[^}]*route=\"/api/v1/webhooks/<hook>\""
                + "[^}]*status=\"401\"[^}]*} 2");
    }

    @Test
    void malformedBodiesUnknownHooksAndOtherMethodsGetProblems() throws Exception {
        HttpResponse<String> r = user.post("/api/v1/webhooks/sample", "{\"a\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode p = json(r);
        assertThat(p.get("detail").asText()).startsWith("malformed JSON in the request body at line 1");
        assertThat(p.get("faultstring").asText()).isEqualTo(p.get("detail").asText());
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/webhooks/sample");
        assertThat(p.get("title").asText()).isEqualTo("Bad Request");

        r = user.send("POST", "/api/v1/webhooks/sample", "a=%zz&b=%41", "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).as("a malformed form escape reads as null, as it always has").isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"a\":null,\"b\":\"A\"}");

        r = user.post("/api/v1/webhooks/no%20such", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("faultstring").asText()).isEqualTo("Webhook no such not registered with st2");
        assertThat(json(r).get("instance").asText()).isEqualTo("/api/v1/webhooks/no%20such");
        assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);

        r = user.post("/api/v1/webhooks/a/b", "{}");
        assertThat(r.statusCode()).as("a hook's name can hold slashes").isEqualTo(404);
        assertThat(json(r).get("faultstring").asText()).isEqualTo("Webhook a/b not registered with st2");

        r = user.post("/api/v1/webhooks/a/b/", "{}");
        assertThat(json(r).get("faultstring").asText()).as("one trailing slash is ignored")
                .isEqualTo("Webhook a/b not registered with st2");

        r = user.get("/api/v1/webhooks/sample");
        assertThat(r.statusCode()).as("other methods still reach Javalin").isEqualTo(405);
        assertThat(json(r).get("detail").asText()).isEqualTo("GET is not allowed on /api/v1/webhooks/sample");
        assertThat(json(user.get("/api/v1/webhooks")).get(0).get("parameters").get("url").asText()).isEqualTo("sample");
        assertThat(json(user.get("/api/v1/openapi.json")).get("paths").has("/api/v1/webhooks/<hook>")).isTrue();
    }

    @Test
    void bodiesUpToTheLimitAreEchoedAndLargerOnesAre413() throws Exception {
        String filler = "x".repeat(1024 * 1024 - 64);
        String body = "{\"big\": \"" + filler + "\"}";
        HttpResponse<String> r = user.post("/api/v1/webhooks/sample", body);
        assertThat(r.statusCode()).as("a body just under the 1 MiB limit").isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"big\":\"" + filler + "\"}");

        r = user.post("/api/v1/webhooks/sample", "{\"big\": \"" + filler + filler + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("title").asText()).isEqualTo("Content Too Large");
        assertThat(json(r).get("detail").asText()).isEqualTo("the request body is larger than 1048576 bytes");

        byte[] chunked = ("{\"big\": \"" + filler + filler + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/webhooks/sample"))
                .header("St2-Api-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as("a body without Content-Length is limited too").isEqualTo(413);

        String medium = "{\"m\": \"" + "y".repeat(200_000) + "\"}";
        HttpResponse<String> continued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/webhooks/sample")).expectContinue(true)
                .header("St2-Api-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(medium)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(continued.statusCode()).as("Expect: 100-continue").isEqualTo(202);
        assertThat(continued.body()).hasSize(200_008);
        assertThat(user.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsReadToItsEndBeforeThe413SoTheClientSeesIt() throws Exception {
        int max = 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/webhooks/sample HTTP/1.1\r\nHost: localhost\r\nSt2-Api-Key: " + KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] piece = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2 * max / piece.length; i++) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(piece);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .as("no answer while the client is still sending: closing now would reset the connection")
                    .isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(30_000);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413 ").containsIgnoringCase("Connection: close")
                    .contains("the request body is larger than " + max + " bytes");
        }
        assertThat(user.get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeclaredLengthFarOverTheLimitOrWaitingForContinueIsAnsweredAtOnce() throws Exception {
        long max = 1024 * 1024;
        for (String extra : List.of("Content-Length: " + (max + AsyncPostHandler.DRAIN_LIMIT + 1) + "\r\n",
                "Content-Length: " + (max + 1) + "\r\nExpect: 100-continue\r\n")) {
            try (Socket socket = new Socket("127.0.0.1", app.httpPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("POST /api/v1/webhooks/sample HTTP/1.1\r\nHost: localhost\r\n"
                        + "St2-Api-Key: " + KEY + "\r\nContent-Type: application/json\r\n" + extra + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(extra).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue")
                        .containsIgnoringCase("Connection: close");
            }
        }
    }
}
