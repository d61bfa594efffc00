package dev.reflex.runners.http;

import java.time.Clock;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reflex.runners.Cancellation;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The http-request runner against the JDK's HTTP server on loopback. */
class HttpRequestRunnerTest {

    /** What the server saw of one request. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
    }

    private static HttpServer server;
    private static String base;
    private static final BlockingQueue<Seen> SEEN = new LinkedBlockingQueue<>();
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final HttpRequestRunner RUNNER = new HttpRequestRunner();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/json", ex -> reply(ex, 200, "application/json; charset=utf-8", "{\"ok\": true, \"n\": [1, 2]}"));
        server.createContext("/echo", ex -> reply(ex, 201, "text/plain", "created"));
        server.createContext("/missing", ex -> reply(ex, 404, "text/plain", "no such thing"));
        server.createContext("/multi", ex -> reply(ex, 207, "application/json", "not json at all"));
        server.createContext("/moved", ex -> {
            record(ex);
            ex.getResponseHeaders().add("Location", "/json");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            record(ex);
            try {
                RELEASE.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain", "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.stop(0);
        RUNNER.close();
    }

    private static void record(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        SEEN.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()), body));
    }

    private static void reply(HttpExchange ex, int status, String type, String text) throws IOException {
        record(ex);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("X-Reply", "yes");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static RunOutcome run(Map<String, Object> runner, Map<String, Object> action) {
        return run(runner, action, RunContext.standalone(Clock.systemUTC()));
    }

    private static RunOutcome run(Map<String, Object> runner, Map<String, Object> action, RunContext context) {
        SEEN.clear();
        return RUNNER.run(RunRequest.of("e1", "core.http").withRunnerParameters(runner).withActionParameters(action), context);
    }

    private static Seen seen() throws InterruptedException {
        return SEEN.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void jsonResponseIsParsedAndTheResultHasStackStormsShape() throws InterruptedException {
        RunOutcome outcome = run(Map.of("url", base + "/json"), Map.of());
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsOnlyKeys("status_code", "body", "parsed", "headers")
                .containsEntry("status_code", 200).containsEntry("parsed", true)
                .containsEntry("body", Map.of("ok", true, "n", List.of(1, 2)));
        assertThat(outcome.result().get("headers")).asString().contains("x-reply=yes");
        Seen seen = seen();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.headers().get("X-stanley-action")).containsExactly("core.http");
    }

    @Test
    void bodyMakesItAPostAndJsonBodiesAreEncoded() throws InterruptedException {
        RunOutcome outcome = run(Map.of("url", base + "/echo", "headers", Map.of("Content-Type", "application/json")),
                Map.of("body", Map.of("name", "web-01")));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsEntry("status_code", 201).containsEntry("body", "created").containsEntry("parsed", false);
        Seen seen = seen();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.body()).isEqualTo("{\"name\":\"web-01\"}");
    }

    @Test
    void methodParamsCookiesAndBasicAuth() throws InterruptedException {
        Map<String, Object> runner = new HashMap<>(Map.of("url", base + "/echo?x=1", "username", "ops",
                "password", "s3cret-pw", "cookies", Map.of("session", "abc")));
        Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("q", "a b");
        query.put("tag", List.of("t1", "t2"));
        RunOutcome outcome = run(runner, Map.of("method", "put", "params", query, "body", "plain text"));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        Seen seen = seen();
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.query()).isEqualTo("x=1&q=a+b&tag=t1&tag=t2");
        assertThat(seen.body()).isEqualTo("plain text");
        assertThat(seen.headers().get("Cookie")).containsExactly("session=abc");
        assertThat(seen.headers().get("Authorization")).containsExactly("Basic b3BzOnMzY3JldC1wdw==");
        assertThat(outcome.result().toString()).doesNotContain("s3cret");
    }

    @Test
    void authParameterBecomesAHeader() throws InterruptedException {
        run(Map.of("url", base + "/echo"), Map.of("auth", "x-auth-token=XYZ", "method", "HEAD"));
        Seen seen = seen();
        assertThat(seen.method()).isEqualTo("HEAD");
        assertThat(seen.headers().get("X-auth-token")).containsExactly("XYZ");
    }

    @Test
    void anAuthValueWithBase64PaddingIsSentAsTheAuthorizationHeader() throws InterruptedException {
        // an '=' inside "Basic …==" or "ApiKey …=" is padding, not a name=value separator
        RunOutcome outcome = run(Map.of("url", base + "/echo"), Map.of("auth", "Basic ZWxhc3RpYzpzM2NyZXQ="));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(seen().headers().get("Authorization")).containsExactly("Basic ZWxhc3RpYzpzM2NyZXQ=");
        run(Map.of("url", base + "/echo"), Map.of("auth", "dG9rZW4xMjM0=="));
        assertThat(seen().headers().get("Authorization")).containsExactly("dG9rZW4xMjM0==");
    }

    @Test
    void statusOutsideTwoHundredToTwoHundredSixFails() {
        RunOutcome missing = run(Map.of("url", base + "/missing"), Map.of());
        assertThat(missing).isInstanceOf(RunOutcome.Failed.class);
        assertThat(missing.result()).containsEntry("status_code", 404).containsEntry("body", "no such thing");
        RunOutcome multi = run(Map.of("url", base + "/multi"), Map.of());
        assertThat(multi).isInstanceOf(RunOutcome.Failed.class);
        assertThat(multi.result()).containsEntry("status_code", 207).containsEntry("parsed", false)
                .containsEntry("body", "not json at all");
    }

    @Test
    void redirectsAreFollowedOnlyWhenAllowed() {
        RunOutcome stay = run(Map.of("url", base + "/moved"), Map.of());
        assertThat(stay).isInstanceOf(RunOutcome.Failed.class);
        assertThat(stay.result()).containsEntry("status_code", 302);
        RunOutcome follow = run(Map.of("url", base + "/moved", "allow_redirects", true), Map.of());
        assertThat(follow).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(follow.result()).containsEntry("status_code", 200);
    }

    @Test
    void timeoutIsATimedOutOutcome() {
        RunOutcome outcome = run(Map.of("url", base + "/slow"), Map.of("timeout", 1));
        assertThat(outcome).isInstanceOf(RunOutcome.TimedOut.class);
        assertThat((String) outcome.result().get("error")).contains("timed out");
    }

    @Test
    void cancelAbortsTheRequest() throws Exception {
        Cancellation cancellation = new Cancellation();
        SEEN.clear();
        CompletableFuture<RunOutcome> running = CompletableFuture.supplyAsync(() -> RUNNER.run(
                RunRequest.of("e2", "core.http").withRunnerParameters(Map.of("url", base + "/slow")),
                RunContext.standalone(Clock.systemUTC()).withCancellation(cancellation)), command -> Thread.ofVirtual().start(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> !SEEN.isEmpty());
        cancellation.cancel("stop");
        RunOutcome outcome = running.get(30, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(RunOutcome.Canceled.class);
        assertThat(outcome.result()).containsEntry("error", "Action was canceled: stop");
    }

    @Test
    void hostListsAndBadInput() {
        assertThat(run(Map.of("url", base + "/json", "url_hosts_blacklist", List.of("127.0.0.1")), Map.of()).result())
                .containsEntry("error", "URL \"" + base + "/json\" is blacklisted");
        assertThat(run(Map.of("url", base + "/json", "url_hosts_whitelist", List.of("example.com")), Map.of()).result())
                .containsEntry("error", "URL \"" + base + "/json\" is not whitelisted");
        assertThat(run(Map.of("url", base + "/json", "url_hosts_whitelist", List.of("127.0.0.1")), Map.of()))
                .isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(run(Map.of("url", base + "/json", "url_hosts_blacklist", List.of("a"), "url_hosts_whitelist", List.of("b")),
                Map.of()).result().get("error")).asString().contains("mutually exclusive");
        assertThat(run(Map.of("url", base + "/json"), Map.of("method", "BREW")).result().get("error")).asString()
                .startsWith("method must be one of");
        assertThat(run(Map.of(), Map.of()).result()).containsEntry("error", "runner parameter \"url\" is required");
    }

    @Test
    void connectionRefusedIsAFailure() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RunOutcome outcome = run(Map.of("url", "http://127.0.0.1:" + port + "/"), Map.of());
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) outcome.result().get("error")).startsWith("Request to http://127.0.0.1:" + port + "/ failed");
    }
}
