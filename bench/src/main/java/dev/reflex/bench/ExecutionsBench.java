package dev.reflex.bench;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.StoreStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The executions benchmark, run by {@code bench/scripts/executions.sh}, against a whole embedded
 * Reflex (SQLite store, HTTP API on loopback):
 * (a) throughput: {@code wrk} (a separate process, one thread) POSTs {@code {"action":"core.noop"}}
 * to {@code /api/v1/executions} on keep-alive connections for a number of seconds; the figure is the
 * executions the store holds {@code succeeded} (each went through requested, scheduled, running,
 * succeeded, every transition recorded) divided by the time from the start until the last of them
 * succeeded, with the server JVM's CPU time per execution over the same window;
 * (b) latency: {@link RawOpenLoop} (a separate process) offers 1,000 requests per second open loop,
 * and each execution's request → running is its recorded {@code running} time minus the time its
 * request was due (not sent), so a stall of either side counts (no coordinated omission);
 * (c) {@code core.local cmd=true}: executions per second with concurrent clients, and the p50/p99 of
 * request → completion of one execution at a time against a bare {@code ProcessBuilder("true")}
 * spawn measured in the same run.
 *
 * <p>Arguments: {@code NOOP_SECONDS CONNECTIONS RATE_SECONDS LOCAL_EXECUTIONS [RATE]}.
 */
public final class ExecutionsBench {

    private static final String NOOP_BODY = "{\"action\":\"core.noop\"}";

    private ExecutionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int noopSeconds = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int rateSeconds = Integer.parseInt(args[2]);
        int local = Integer.parseInt(args[3]);
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        Path data = Files.createTempDirectory("reflex-bench-executions");
        Path lua = data.resolve("noop.lua");
        Files.writeString(lua, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = '%s'
                """.formatted(NOOP_BODY));
        ReflexConfig config = ReflexConfig.defaults().withDataDir(data.resolve("data"))
                .withHttp(ReflexConfig.Http.defaults().withPort(0));
        try (App app = new App(config, Clock.systemUTC()).start()) {
            String base = "http://127.0.0.1:" + app.httpPort();
            JdbcStore store = (JdbcStore) app.store();
            wrk(base + "/api/v1/executions", lua, Integer.getInteger("bench.warmup", 10), connections);   // warm-up
            drain(app);
            // what the server burns with nothing to do (timers, pollers, metrics), to net out below
            long idle0 = cpuNanos() - jitNanos();
            long i0 = System.nanoTime();
            Thread.sleep(5000);
            double idlePerSecond = (cpuNanos() - jitNanos() - idle0) / ((System.nanoTime() - i0) / 1e9);
            long succeeded0 = count(app, "core.noop", "succeeded");
            StoreStats stats0 = store.stats();
            long cpu0 = cpuNanos();
            long jit0 = jitNanos();
            long t0 = System.nanoTime();
            String wrkOut = wrk(base + "/api/v1/executions", lua, noopSeconds, connections);
            drain(app);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long cpu = cpuNanos() - cpu0;
            long jit = jitNanos() - jit0;
            StoreStats stats1 = store.stats();
            long noop = count(app, "core.noop", "succeeded") - succeeded0;
            double perSecond = noop / elapsed;
            long commits = stats1.commits() - stats0.commits();
            System.out.printf(Locale.ROOT, "noop throughput: wrk -t1 -c%d for %d s: %d executions succeeded in %.1f s: "
                            + "%.0f executions/s; server CPU %.0f us/execution (%.0f without JIT compilation, %.0f also "
                            + "without the idle %.1f ms/s); %d commits, %.1f writes/commit; wrk %s%n", connections,
                    noopSeconds, noop, elapsed, perSecond, cpu / 1000.0 / noop, (cpu - jit) / 1000.0 / noop,
                    (cpu - jit - idlePerSecond * elapsed) / 1000.0 / noop, idlePerSecond / 1e6,
                    commits, commits == 0 ? 0.0 : (double) (stats1.batchedWrites() - stats0.batchedWrites()) / commits,
                    wrkSummary(wrkOut));
            double p99 = Double.NaN;
            if (rateSeconds > 0) {
                Latency latency = openLoop(app, base, rate, rateSeconds);
                p99 = pct(latency.running, 99) / 1000.0;
                System.out.printf(Locale.ROOT, "noop open loop %d/s for %d s (%d requests, %d non-201, %d connections): "
                                + "due->running p50 %.2f ms, p99 %.2f ms, max %.2f ms; due->201 p50 %.2f ms, p99 %.2f ms; "
                                + "server CPU %.0f us/execution%n", rate, rateSeconds, latency.running.length,
                        latency.errors, latency.connections, pct(latency.running, 50) / 1000.0, p99,
                        latency.running[latency.running.length - 1] / 1000.0, pct(latency.response, 50) / 1000.0,
                        pct(latency.response, 99) / 1000.0, latency.cpuMicrosPerExecution);
            }
            double localRate = Double.NaN;
            double ratio = Double.NaN;
            if (local > 0) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                localRate = burst(app, http, base, "core.local", "{\"cmd\":\"true\"}", local, 8);
                long[][] sequential = sequential(http, base, local / 2);
                ratio = (double) pct(sequential[0], 99) / pct(sequential[1], 99);
                System.out.printf(Locale.ROOT, "local core.local cmd=true: %.0f executions/s (8 clients); one at a time "
                                + "request->completed p50 %.2f ms p99 %.2f ms; bare spawn p50 %.2f ms p99 %.2f ms; "
                                + "p99 ratio %.1f%n", localRate, pct(sequential[0], 50) / 1000.0,
                        pct(sequential[0], 99) / 1000.0, pct(sequential[1], 50) / 1000.0, pct(sequential[1], 99) / 1000.0,
                        ratio);
            }
            System.out.printf(Locale.ROOT, "executions: noop %.0f/s (%.0f us CPU each, %.0f without JIT); noop request->running "
                    + "p99 %.2f ms at %d/s; local %.0f/s, p99 %.1fx bare spawn%n", perSecond, cpu / 1000.0 / noop,
                    (cpu - jit) / 1000.0 / noop, p99, rate, localRate,
                    ratio);
        }
    }

    /** This JVM's user + system CPU time so far. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The CPU time of this JVM's JIT compiler threads so far (from {@code /proc/self/task}), so that a
     * figure per execution can leave out compilation, which on a loaded machine is still going on
     * during the measured window and is not a cost per execution; 0 where {@code /proc} is absent.
     */
    private static long jitNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (!Files.readString(t.resolve("comm")).contains("Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L;   // USER_HZ is 100 on Linux
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

    /** Waits until no execution is waiting or running. */
    private static void drain(App app) throws Exception {
        while (true) {
            try (Connection c = app.store().readers().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM execution WHERE status IN "
                         + "('requested', 'scheduled', 'delayed', 'running')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
    }

    /** Runs wrk (one thread) with the Lua script; its output. */
    private static String wrk(String url, Path script, int seconds, int connections) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "30s", "--latency", "-s",
                script.toString(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("Requests/sec")) {
            throw new IOException("wrk failed:\n" + out);
        }
        if (out.contains("Non-2xx") || out.contains("Socket errors")) {
            System.out.println("wrk reported errors:\n" + out);
        }
        return out;
    }

    private static String wrkSummary(String out) {
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher p50 = Pattern.compile("\\s50%\\s+(\\S+)").matcher(out);
        Matcher p99 = Pattern.compile("\\s99%\\s+(\\S+)").matcher(out);
        return (rps.find() ? rps.group(1) : "?") + " requests/s, 201 p50 " + (p50.find() ? p50.group(1) : "?") + " p99 "
                + (p99.find() ? p99.group(1) : "?");
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

    /** What the open loop measured, in microseconds, sorted. */
    private record Latency(long[] running, long[] response, long errors, int connections, double cpuMicrosPerExecution) {
    }

    /**
     * Offers {@code rate} requests per second for {@code seconds} from a {@link RawOpenLoop} process;
     * due → running from the recorded status logs.
     */
    private static Latency openLoop(App app, String base, int rate, int seconds) throws Exception {
        URI uri = URI.create(base);
        String java = ProcessHandle.current().info().command().orElse("java");
        long cpu0 = cpuNanos();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), RawOpenLoop.class.getName(), uri.getHost(),
                String.valueOf(uri.getPort()), "/api/v1/executions", NOOP_BODY, String.valueOf(rate),
                String.valueOf(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (p.waitFor() != 0 || lines.size() < 2) {
            throw new IOException("RawOpenLoop failed: " + lines);
        }
        drain(app);
        long cpu = cpuNanos() - cpu0;
        long wallStart = Long.parseLong(lines.get(0).substring("start ".length()));
        int connections = Integer.parseInt(lines.get(1).substring("connections ".length()));
        long interval = 1_000_000_000L / rate;
        long[] running = new long[lines.size() - 2];
        long[] response = new long[running.length];
        int k = 0;
        long errors = 0;
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(" ");
            int i = Integer.parseInt(f[0]);
            if (!f[1].equals("201") || f[3].equals("-")) {
                errors++;
                continue;
            }
            var e = app.executions().executions().find(f[3]).orElseThrow();
            Instant at = e.log().stream().filter(c -> c.status().value().equals("running")).findFirst().orElseThrow()
                    .timestamp();
            long dueMicros = wallStart + i * interval / 1000;
            running[k] = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000 - dueMicros;
            response[k++] = Long.parseLong(f[2]);
        }
        running = Arrays.copyOf(running, k);
        response = Arrays.copyOf(response, k);
        Arrays.sort(running);
        Arrays.sort(response);
        return new Latency(running, response, errors, connections, cpu / 1000.0 / k);
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
