package dev.reflex.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.Http;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connectors read requests into buffers of their own size, so that the buffers held by requests
 * waiting for a commit are not in the bucket every response's header buffer is taken from.
 */
class RequestBuffersTest {

    static ApiServer api;
    static Http http;

    @BeforeAll
    static void start() {
        api = new ApiServer(ReflexConfig.Http.defaults().withPort(0), List.of(), List.of(routes -> routes
                .get("/api/v1/echo-header", Access.PUBLIC, "echo a header", ctx -> ctx.result(String.valueOf(
                        ctx.header("X-Long") == null ? -1 : ctx.header("X-Long").length())))
                .asyncPost("/api/v1/hold/<name>", Access.PUBLIC, "echo a body", request -> CompletableFuture.completedFuture(
                        new AsyncPost.Reply(202, "text/plain", (request.param() + ":" + request.body().length)
                                .getBytes(StandardCharsets.UTF_8))))),
                new SimpleMeterRegistry());
        api.start();
        http = Http.local(api.port());
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @Test
    void everyHttpConnectorReadsIntoBuffersOfTheirOwnSize() {
        assertThat(api.requestBufferSizes()).isNotEmpty().containsOnly(ApiServer.REQUEST_BUFFER_BYTES);
        // the response header buffers are min(response header size, output buffer size): another bucket
        assertThat(ApiServer.REQUEST_BUFFER_BYTES).isNotEqualTo(8 * 1024);
    }

    @Test
    void everyHttpConnectorListensWithALargerBacklogThanTheJdksFifty() throws Exception {
        assertThat(api.acceptQueueSizes()).isNotEmpty().containsOnly(ApiServer.ACCEPT_QUEUE);
        // a burst of connections opened at once is accepted, and each is served
        List<java.net.Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                sockets.add(new java.net.Socket("127.0.0.1", api.port()));
            }
            for (java.net.Socket s : sockets) {
                s.getOutputStream().write("GET /api/v1/echo-header HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            }
            for (java.net.Socket s : sockets) {
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200")
                        .endsWith("-1");
            }
        } finally {
            for (java.net.Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void requestsWithLongHeadersAndBodiesStillArriveWhole() {
        String longHeader = "x".repeat(7_000);
        HttpResponse<String> get = http.with("X-Long", longHeader).get("/api/v1/echo-header");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("7000");

        String body = "{\"k\":\"" + "y".repeat(100_000) + "\"}";
        HttpResponse<String> post = http.post("/api/v1/hold/abc", body);
        assertThat(post.statusCode()).isEqualTo(202);
        assertThat(post.body()).isEqualTo("abc:" + body.length());
    }
}
