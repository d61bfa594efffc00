package dev.reflex.sensu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the API requires keys, so does the agents' WebSocket endpoint. */
class AgentAuthTest {

    @TempDir
    Path dir;

    static int refusal(WebSocket.Builder builder, URI uri) {
        try {
            builder.buildAsync(uri, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAgentEndpointNeedsAKeyWhenTheApiDoes() throws Exception {
        try (App app = EmbeddedReflex.startWithKeys(dir, List.of(new ReflexConfig.ApiKey("agents", "s3cret-agent", false)))) {
            URI uri = URI.create("ws://127.0.0.1:" + app.httpPort() + SensuApi.AGENT_PATH);
            HttpClient http = HttpClient.newHttpClient();
            assertThat(refusal(http.newWebSocketBuilder(), uri)).isEqualTo(401);
            assertThat(refusal(http.newWebSocketBuilder().header("X-Auth-Token", "wrong"), uri)).isEqualTo(401);
            WebSocket ws = http.newWebSocketBuilder().header("X-Auth-Token", "s3cret-agent")
                    .buildAsync(uri, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
            assertThat(ws.isOutputClosed()).isFalse();
            ws.abort();
        }
    }
}
