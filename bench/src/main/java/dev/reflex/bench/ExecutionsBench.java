package dev.reflex.bench;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executions benchmark, run by {@code bench/scripts/executions.sh}, against a whole embedded
 * Reflex (SQLite store, HTTP API on loopback):
 * (a) throughput: {@code core.noop} executions requested through {@code POST /api/v1/executions} by
 * concurrent clients, counted when the store holds them {@code succeeded} (each went through
 * requested, scheduled, running, succeeded, every transition committed);
 * (b) latency: an open-loop 1,000 requests per second, request → running read from the recorded
 * status log (p50, p99);
 * (c) {@code core.local cmd=true}: executions per second with concurrent clients, and the p50/p99 of
 * request → completion of one execution at a time against a bare {@code ProcessBuilder("true")}
 * spawn measured in the same run.
 *
 * <p>Arguments: {@code NOOP_EXECUTIONS CLIENTS RATE_SECONDS LOCAL_EXECUTIONS}.
 */
public final class ExecutionsBench {

    private ExecutionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int noop = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        int rateSeconds = Integer.parseInt(args[2]);
        int local = Integer.parseInt(args[3]);
        Path data = Files.createTempDirectory("reflex-bench-executions");
        ReflexConfig config = ReflexConfig.defaults().withDataDir(data)
                .withHttp(ReflexConfig.Http.defaults().withPort(0));
        try (App app = new App(config, Clock.systemUTC()).start()) {
            String base = "http://127.0.0.1:" + app.httpPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            burst(app, http, base, "core.noop", "{}", 2000, clients);   // warm-up
            double perSecond = burst(app, http, base, "core.noop", "{}", noop, clients);
            System.out.printf(Locale.ROOT, "noop throughput: %d executions, %d clients: %.0f executions/s%n", noop, clients,
                    perSecond);
            long[] latency = openLoop(app, http, base, 1000, rateSeconds);
            System.out.printf(Locale.ROOT, "noop request->running at 1000/s for %d s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    rateSeconds, pct(latency, 50) / 1000.0, pct(latency, 99) / 1000.0, latency[latency.length - 1] / 1000.0);
            double localRate = burst(app, http, base, "core.local", "{\"cmd\":\"true\"}", local, 8);
            long[][] sequential = sequential(http, base, local / 2);
            System.out.printf(Locale.ROOT, "local core.local cmd=true: %.0f executions/s (8 clients); one at a time "
                            + "request->completed p50 %.2f ms p99 %.2f ms; bare spawn p50 %.2f ms p99 %.2f ms; "
                            + "p99 ratio %.1f%n", localRate, pct(sequential[0], 50) / 1000.0, pct(sequential[0], 99) / 1000.0,
                    pct(sequential[1], 50) / 1000.0, pct(sequential[1], 99) / 1000.0,
                    (double) pct(sequential[0], 99) / pct(sequential[1], 99));
            System.out.printf(Locale.ROOT, "executions: noop %.0f/s; noop request->running p99 %.2f ms at 1000/s; "
                    + "local %.0f/s, p99 %.1fx bare spawn%n", perSecond, pct(latency, 99) / 1000.0, localRate,
                    (double) pct(sequential[0], 99) / pct(sequential[1], 99));
        }
    }

    private static HttpRequest post(String base, String action, String params) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/executions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\",\"parameters\":" + params + "}"))
                .build();
    }

    private static long count(App app, String action, String status) throws Exception {
        try (Connection c = app.store().readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM execution WHERE action_ref = ? AND status = ?")) {
            ps.setString(1, action);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Requests {@code n} executions from {@code clients} concurrent clients; executions per second until all succeeded. */
    private static double burst(App app, HttpClient http, String base, String action, String params, int n, int clients)
            throws Exception {
        long before = count(app, action, "succeeded");
        AtomicInteger left = new AtomicInteger(n);
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        HttpResponse<String> r = http.send(post(base, action, params), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException(r.statusCode() + " " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        while (count(app, action, "succeeded") - before < n) {
            Thread.sleep(5);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Requests at a fixed rate (open loop); returns request->running micros from the recorded logs, sorted. */
    private static long[] openLoop(App app, HttpClient http, String base, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(512);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        HttpResponse<String> r = http.send(post(base, "core.noop", "{}"), HttpResponse.BodyHandlers.ofString());
                        String body = r.body();
                        int at = body.indexOf("\"id\":\"") + 6;
                        ids.add(body.substring(at, at + 24));
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        long[] out = new long[ids.size()];
        int k = 0;
        for (String id : ids) {
            var e = app.executions().executions().find(id).orElseThrow();
            while (!e.status().completed()) {
                Thread.sleep(2);
                e = app.executions().executions().find(id).orElseThrow();
            }
            java.time.Instant requested = e.log().get(0).timestamp();
            java.time.Instant running = e.log().stream().filter(c -> c.status().value().equals("running")).findFirst()
                    .orElseThrow().timestamp();
            out[k++] = java.time.Duration.between(requested, running).toNanos() / 1000;
        }
        Arrays.sort(out);
        return out;
    }

    /** One execution at a time, waiting on the streamed output for completion; then bare spawns. Micros. */
    private static long[][] sequential(HttpClient http, String base, int n) throws Exception {
        long[] viaReflex = new long[n];
        long[] bare = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(post(base, "core.local", "{\"cmd\":\"true\"}"), HttpResponse.BodyHandlers.ofString());
            int at = r.body().indexOf("\"id\":\"") + 6;
            String id = r.body().substring(at, at + 24);
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/executions/" + id + "/output")).build(),
                    HttpResponse.BodyHandlers.discarding());
            viaReflex[i] = (System.nanoTime() - t0) / 1000;
            long t1 = System.nanoTime();
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            bare[i] = (System.nanoTime() - t1) / 1000;
        }
        Arrays.sort(viaReflex);
        Arrays.sort(bare);
        return new long[][] {viaReflex, bare};
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
