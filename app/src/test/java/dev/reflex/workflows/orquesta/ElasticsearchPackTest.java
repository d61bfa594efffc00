package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reflex.app.App;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.Http;
import dev.reflex.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code elasticsearch} pack, loaded in place from {@code examples/packs} by a whole
 * Reflex on a test clock: {@code elasticsearch.wait_for_safe_cluster} against a local server that
 * answers {@code _cluster/health}, {@code _cat/shards} and {@code _cluster/allocation/explain} with
 * response bodies recorded in the shape Elasticsearch 7 gives them (test resources
 * {@code elasticsearch/*.json}) during a rolling upgrade from 6.8.2 to 7.2.0 in a zone-aware cluster.
 */
class ElasticsearchPackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic ZWxhc3RpYzpzM2NyZXQtcGFzcw==";
    private static final String ACTION = "elasticsearch.wait_for_safe_cluster";

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-04T02:15:00Z"));
    Cluster cluster;
    App app;
    ExecutionService executions;
    OrquestaRunner runner;

    @BeforeEach
    void start() throws Exception {
        cluster = new Cluster();
        app = new App(EmbeddedReflex.config(dir).withPackPaths(List.of(Path.of("../examples/packs"))), clock).start();
        executions = app.executions().executions();
        runner = (OrquestaRunner) app.executions().runners().find("orquesta").orElseThrow();
        var key = Http.local(app.httpPort()).put("/api/v1/keys/es_auth",
                "{\"value\":\"" + AUTH + "\",\"secret\":true}");
        assertThat(key.statusCode()).as(key.body()).isBetween(200, 201);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        cluster.close();
    }

    Execution gate(int timeout, ExecutionStatus expected) {
        Execution wf = executions.request(ACTION, Map.of("url", cluster.url() + "/", "timeout", timeout,
                "interval", 10, "auth", "kv:es_auth"), Map.of(), false);
        return awaitStatus(wf.id(), expected);
    }

    Execution awaitStatus(String id, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> executions.find(id).orElseThrow().status().completed());
        Execution done = executions.find(id).orElseThrow();
        assertThat(done.status()).as("%s", done.result()).isEqualTo(status);
        return done;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> output(Execution e) {
        return (Map<String, Object>) e.result().get("output");
    }

    @Test
    void aGreenClusterPassesAtOnceWithTheStoredCredentialsOnTheRequest() {
        cluster.health("health-green.json");
        Execution done = gate(600, ExecutionStatus.SUCCEEDED);
        assertThat(output(done)).containsEntry("safe", true).containsEntry("status", "green")
                .containsEntry("checks", 1L).containsEntry("waited", 0L).containsEntry("reason", null);
        assertThat(String.valueOf(output(done).get("summary"))).isEqualTo(
                "cluster logs is green (0 unassigned, 0 initializing, 0 relocating shards)");
        assertThat(cluster.requests).extracting(Request::path).containsExactly("/_cluster/health");
        assertThat(cluster.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(AUTH));
        assertThat(String.valueOf(done.result())).doesNotContain(AUTH);
    }

    @Test
    void unassignedShardsHeldBackOnlyByVersionSameNodeAndZoneConflictsLetTheUpgradeGoOn() throws Exception {
        cluster.health("health-yellow.json");
        cluster.explains(Map.of(
                "logstash-2019.03.01/0/false", "explain-logstash-2019.03.01-0-version.json",
                "logstash-2019.03.02/0/false", "explain-logstash-2019.03.02-0-version.json",
                ".kibana_1/0/false", "explain-kibana-0-version.json"));
        Execution done = gate(600, ExecutionStatus.SUCCEEDED);
        assertThat(output(done)).containsEntry("safe", true).containsEntry("status", "yellow")
                .containsEntry("checks", 1L).containsEntry("reason", null);
        assertThat(String.valueOf(output(done).get("summary"))).isEqualTo("cluster logs is yellow (3 unassigned, "
                + "0 initializing, 0 relocating shards); every unassigned shard is held back only by version, same-node"
                + " or zone conflicts: [logstash-2019.03.01][0] replica (awareness, node_version, same_shard),"
                + " [logstash-2019.03.02][0] replica (awareness, node_version, same_shard),"
                + " [.kibana_1][0] replica (awareness, node_version, same_shard)");
        assertThat(cluster.requests).extracting(Request::path).containsExactlyInAnyOrder("/_cluster/health",
                "/_cat/shards", "/_cluster/allocation/explain", "/_cluster/allocation/explain",
                "/_cluster/allocation/explain");
        assertThat(cluster.requests).filteredOn(r -> r.path().equals("/_cat/shards"))
                .singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("format=json"));
        List<JsonNode> bodies = new ArrayList<>();
        for (Request r : cluster.requests) {
            if (r.path().endsWith("/explain")) {
                assertThat(r.method()).isEqualTo("POST");
                bodies.add(JSON.readTree(r.body()));
            }
        }
        assertThat(bodies).containsExactlyInAnyOrder(
                JSON.readTree("{\"index\":\"logstash-2019.03.01\",\"shard\":0,\"primary\":false}"),
                JSON.readTree("{\"index\":\"logstash-2019.03.02\",\"shard\":0,\"primary\":false}"),
                JSON.readTree("{\"index\":\".kibana_1\",\"shard\":0,\"primary\":false}"));
        assertThat(cluster.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(AUTH));
    }

    @Test
    void anUnassignedShardWithAnotherReasonFailsTheGateWithTheDecidersExplanation() {
        cluster.health("health-yellow.json");
        cluster.explains(Map.of(
                "logstash-2019.03.01/0/false", "explain-logstash-2019.03.01-0-version.json",
                "logstash-2019.03.02/0/false", "explain-logstash-2019.03.02-0-disk.json",
                ".kibana_1/0/false", "explain-kibana-0-version.json"));
        Execution done = gate(600, ExecutionStatus.FAILED);
        assertThat(output(done)).containsEntry("safe", false).containsEntry("checks", 1L)
                .containsEntry("summary", null);
        assertThat(String.valueOf(output(done).get("reason"))).isEqualTo("cluster logs is yellow (3 unassigned, "
                + "0 initializing, 0 relocating shards); unassigned shards that a finished upgrade will not place: "
                + "[logstash-2019.03.02][0] replica on node es-b-6.8: disk_threshold: the node is above the low "
                + "watermark cluster setting [cluster.routing.allocation.disk.watermark.low=85%], using more disk"
                + " space than the maximum allowed [85.0%], actual free: [11.2%]");
        assertThat(done.result().get("errors")).asString().contains("'fail' command of task 'judge_shards'");
        assertThat(runner.waitingOnDeadlines()).isZero();
    }

    @Test
    void theGateKeepsPollingWhileShardsRecoverAndPassesWhenTheClusterTurnsGreenOnTheThirdCheck() {
        cluster.health("health-yellow-recovering.json", "health-yellow.json", "health-green.json");
        cluster.explains(Map.of(
                "logstash-2019.03.01/0/false", "explain-logstash-2019.03.01-0-delayed.json",
                "logstash-2019.03.02/0/false", "explain-logstash-2019.03.02-0-version.json",
                ".kibana_1/0/false", "explain-kibana-0-version.json"));
        Execution wf = executions.request(ACTION, Map.of("url", cluster.url(), "interval", 10), Map.of(), false);
        for (int check = 1; check <= 2; check++) {
            int checks = check;
            await().atMost(Duration.ofSeconds(20))
                    .failFast(() -> executions.find(wf.id()).orElseThrow().status().completed())
                    .until(() -> runner.waitingOnDeadlines() == 1 && cluster.healthChecks() == checks);
            clock.advance(Duration.ofSeconds(10));
        }
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(output(done)).containsEntry("safe", true).containsEntry("status", "green")
                .containsEntry("checks", 3L).containsEntry("waited", 20L);
        // the first check saw shards initializing and asked nothing more; the second found one shard
        // whose allocation was only delayed (the departed node may come back) and waited again
        assertThat(cluster.requests).extracting(Request::path).containsExactly("/_cluster/health",
                "/_cluster/health", "/_cat/shards", "/_cluster/allocation/explain", "/_cluster/allocation/explain",
                "/_cluster/allocation/explain", "/_cluster/health");
        assertThat(cluster.requests).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void theGateGivesUpAfterItsTimeoutSayingWhatItLastSaw() {
        cluster.health("health-yellow-recovering.json");
        Execution wf = executions.request(ACTION, Map.of("url", cluster.url(), "timeout", 25, "interval", 10),
                Map.of(), false);
        for (int check = 1; check <= 2; check++) {
            int checks = check;
            await().atMost(Duration.ofSeconds(20))
                    .failFast(() -> executions.find(wf.id()).orElseThrow().status().completed())
                    .until(() -> runner.waitingOnDeadlines() == 1 && cluster.healthChecks() == checks);
            clock.advance(Duration.ofSeconds(10));
        }
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(output(done)).containsEntry("safe", false).containsEntry("status", "yellow")
                .containsEntry("checks", 3L).containsEntry("waited", 20L);
        assertThat(String.valueOf(output(done).get("reason"))).isEqualTo("gave up after waiting 20 seconds (3 checks);"
                + " last: cluster logs is yellow (0 unassigned, 2 initializing, 0 relocating shards)");
        assertThat(cluster.healthChecks()).isEqualTo(3);
        assertThat(done.result().get("errors")).asString().contains("'fail' command of task 'not_yet'");
    }

    @Test
    void anUnreachableClusterIsWaitedForAndNamedWhenTheGateGivesUp() {
        cluster.health();
        Execution wf = executions.request(ACTION, Map.of("url", cluster.url(), "timeout", 10, "interval", 10),
                Map.of(), false);
        await().atMost(Duration.ofSeconds(20)).until(() -> runner.waitingOnDeadlines() == 1 && cluster.healthChecks() == 1);
        clock.advance(Duration.ofSeconds(10));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(output(done)).containsEntry("safe", false).containsEntry("status", "unknown")
                .containsEntry("checks", 2L);
        assertThat(String.valueOf(output(done).get("reason"))).isEqualTo("gave up after waiting 10 seconds (2 checks);"
                + " last: GET " + cluster.url() + "/_cluster/health failed: HTTP 503");
    }

    /** One request the stand-in received. */
    record Request(String method, String path, String query, String authorization, String body) {
    }

    /** A local HTTP server standing in for an Elasticsearch cluster, answering with recorded bodies. */
    static final class Cluster implements AutoCloseable {

        final List<Request> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final List<String> health = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, String> explains = Collections.synchronizedMap(new HashMap<>());
        private int healthServed;

        Cluster() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** The health bodies to answer in turn, the last one from then on; none: HTTP 503. */
        void health(String... files) {
            health.addAll(List.of(files));
        }

        /** Explanations by {@code index/shard/primary}. */
        void explains(Map<String, String> files) {
            explains.putAll(files);
        }

        synchronized int healthChecks() {
            return healthServed;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            switch (path) {
                case "/_cluster/health" -> {
                    String file;
                    synchronized (this) {
                        file = health.isEmpty() ? null : health.get(Math.min(healthServed, health.size() - 1));
                        healthServed++;
                    }
                    if (file == null) {
                        answer(exchange, 503, "{\"error\":{\"type\":\"master_not_discovered_exception\"},\"status\":503}");
                    } else {
                        answer(exchange, 200, fixture(file));
                    }
                }
                case "/_cat/shards" -> answer(exchange, 200, fixture("shards.json"));
                case "/_cluster/allocation/explain" -> {
                    JsonNode q = JSON.readTree(body);
                    String file = explains.get(q.path("index").asText() + "/" + q.path("shard").asText() + "/"
                            + q.path("primary").asText());
                    if (file == null || !q.path("shard").isInt() || !q.path("primary").isBoolean()) {
                        answer(exchange, 400, "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":"
                                + "\"unable to find any unassigned shards to explain\"},\"status\":400}");
                    } else {
                        answer(exchange, 200, fixture(file));
                    }
                }
                default -> answer(exchange, 404, "{}");
            }
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private static String fixture(String name) {
            try (InputStream in = ElasticsearchPackTest.class.getResourceAsStream("/elasticsearch/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no fixture " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
