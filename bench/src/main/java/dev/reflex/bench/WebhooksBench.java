package dev.reflex.bench;

import dev.reflex.app.App;
import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.StoreStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end: webhook POST → durable trigger instance → rules matched → enforcement recorded → (in
 * the default scope) the execution run. A Reflex on the embedded SQLite store (WAL, synchronous=FULL)
 * with 100 rules on one webhook, each keyed on {@code trigger.body.service} plus a {@code gt} and a
 * {@code regex} criterion, whose action ({@code bench.note}, a noop-runner action with two
 * parameters) gets two rendered parameters; driven by {@code wrk} with a Lua script that varies the
 * body. A 202 means the instance is on disk. With {@code -Dreflex.bench.webhooks.scope=rules} the
 * execution requests go to a sink that only counts them (the pipeline of issue 3 alone). With
 * {@code -Dreflex.bench.webhooks.scope=floor} no Reflex runs: a bare Jetty answers the same
 * requests with their body echoed (the HTTP exchange's own cost, for comparison). With
 * {@code -Dreflex.bench.openloop.dump=PREFIX} each open-loop run's raw lines (one per request, in due
 * order) are also written to {@code PREFIX-RATE-NANOS}, to see when in a run the latency came.
 *
 * <p>Usage: {@code WebhooksBench [seconds] [connections] [full|normal] [RATE,RATE…]}. After the run
 * it waits for the rules dispatcher to drain and reports throughput, latency, the server's CPU per
 * webhook (this JVM's CPU over the run, and its idle CPU after the drain), how many instances and
 * enforcements were stored, and the store's commit batch sizes ({@code JdbcStore.stats()}). The third
 * argument sets SQLite's {@code synchronous} mode (default full). With a list of rates, each rate is
 * then offered open loop for {@code seconds} by a {@link RawOpenLoop} process (latency from each
 * request's scheduled time, so a stall is counted against every request it delays).
 */
public final class WebhooksBench {

    private static final int RULES = 100;
    private static final String WEBHOOK_INSTANCES = "SELECT count(*) FROM trigger_instance WHERE trigger_type = 'core.st2.webhook'";
    /**
     * System property: {@code executions} (default) runs each enforcement's execution through the
     * executions service; {@code rules} hands the requests to a sink that only counts them, which is
     * the end of issue 3's pipeline (enforcement recorded).
     */
    static final String SCOPE = "reflex.bench.webhooks.scope";
    /**
     * System property: seconds of load before the measured run (default 25). After 5 s the JIT was
     * still taking about a sixth of the CPU 10 s later; 25 s measures the steady state a long-running
     * server reaches.
     */
    static final String WARMUP = "reflex.bench.webhooks.warmup";

    private WebhooksBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        ReflexConfig.SqliteSync sync = args.length > 2 ? ReflexConfig.SqliteSync.valueOf(args[2].toUpperCase(Locale.ROOT))
                : ReflexConfig.SqliteSync.FULL;
        Path dir = Files.createTempDirectory("reflex-bench-webhooks");
        Path rules = dir.resolve("packs/bench/rules");
        Files.createDirectories(rules);
        for (int i = 0; i < RULES; i++) {
            Files.writeString(rules.resolve("r" + i + ".yaml"), """
                    name: svc_%d
                    enabled: true
                    trigger: {type: core.st2.webhook, parameters: {url: bench}}
                    criteria:
                      trigger.body.service: {type: equals, pattern: svc-%d}
                      trigger.body.severity: {type: gt, pattern: 1}
                      trigger.body.message: {type: regex, pattern: "load (is )?high"}
                    action: {ref: bench.note, parameters: {host: "{{trigger.body.host}}", sev: "{{trigger.body.severity}}"}}
                    """.formatted(i, i));
        }
        // The rules' action takes both parameters (sev cast from the rendered text to an integer), so
        // that every enforcement succeeds and, in the executions scope, creates a real execution.
        Path actions = dir.resolve("packs/bench/actions");
        Files.createDirectories(actions);
        Files.writeString(actions.resolve("note.yaml"), """
                name: note
                runner_type: noop
                description: Takes a host and a severity and does nothing (the webhooks benchmark's action).
                enabled: true
                parameters:
                  host: {type: string, required: true}
                  sev: {type: integer}
                """);
        Path lua = dir.resolve("webhooks.lua");
        Files.writeString(lua, """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                -- The bodies repeat every 3,700 requests (100 services, 5 severities, 37 hosts): they are
                -- formatted once, so that the generator spends its CPU sending, not building strings.
                -- (In init, once wrk has set the Host header.)
                local reqs = {}
                init = function(args)
                  for n = 1, 3700 do
                    local body = '{"service":"svc-' .. (n % 100) .. '","severity":' .. (n % 5) .. ',"host":"web-'
                      .. (n % 37) .. '","message":"load is high on this host"}'
                    reqs[n] = wrk.format(nil, "/api/v1/webhooks/bench", nil, body)
                  end
                end
                local i = 0
                request = function()
                  i = i % 3700 + 1
                  return reqs[i]
                end
                """);
        ReflexConfig cfg = ReflexConfig.defaults().withDataDir(dir.resolve("data"))
                .withHttp(new ReflexConfig.Http("127.0.0.1", 0, 1024 * 1024, false))
                .withPackPaths(List.of(dir.resolve("packs")));
        cfg = cfg.withStore(cfg.store().withSqliteSync(sync));
        if ("floor".equals(System.getProperty(SCOPE))) {
            floor(lua, seconds, connections);
            deleteTree(dir);
            return;
        }
        boolean executions = !"rules".equals(System.getProperty(SCOPE, "executions"));
        java.util.concurrent.atomic.AtomicLong requested = new java.util.concurrent.atomic.AtomicLong();
        App made = executions ? new App(cfg, Clock.systemUTC())
                : new App(cfg, Clock.systemUTC(), store -> request -> "bench-" + requested.incrementAndGet());
        try (App app = made.start()) {
            String url = "http://127.0.0.1:" + app.httpPort();
            JdbcStore store = (JdbcStore) app.store();
            wrk(url, lua, Integer.getInteger(WARMUP, 25), connections);
            drain(app);
            StoreStats before = store.stats();
            long instancesBefore = count(app, WEBHOOK_INSTANCES);
            long allInstancesBefore = count(app, "SELECT count(*) FROM trigger_instance");
            long enforcementsBefore = count(app, "SELECT count(*) FROM rule_enforcement");
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            ThreadTicks ticks0 = ThreadTicks.now();
            Result r = wrk(url, lua, seconds, connections);
            long cpuWrk = cpuNanos() - cpu0;
            ThreadTicks ticksWrk = ThreadTicks.now().minus(ticks0);
            long instancesWrk = count(app, WEBHOOK_INSTANCES) - instancesBefore;
            long drainedMs = drain(app);
            long cpuAll = cpuNanos() - cpu0;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            StoreStats after = store.stats();
            long instances = count(app, WEBHOOK_INSTANCES) - instancesBefore;
            long otherInstances = count(app, "SELECT count(*) FROM trigger_instance") - allInstancesBefore - instances;
            long enforcements = count(app, "SELECT count(*) FROM rule_enforcement") - enforcementsBefore;
            long failedEnforcements = count(app, "SELECT count(*) FROM rule_enforcement WHERE status <> 'succeeded'");
            long succeededExecutions = count(app, "SELECT count(*) FROM execution WHERE status = 'succeeded'");
            long otherExecutions = count(app, "SELECT count(*) FROM execution WHERE status <> 'succeeded'");
            long commits = after.commits() - before.commits();
            long batched = after.batchedWrites() - before.batchedWrites();
            System.out.printf(Locale.ROOT, "wrk: %d s, %d connections, -t2: %.0f webhooks/s accepted (202), p50 %s, p99 %s, "
                    + "non-202/socket errors %d%n", seconds, connections, r.rps, r.p50, r.p99, r.errors);
            System.out.printf(Locale.ROOT, "stored: %d webhook trigger instances (and %d others: the executions' action "
                    + "triggers), %d enforcements (%d rules); dispatcher drained %d ms after wrk ended; end-to-end %.0f "
                    + "webhooks/s processed%n", instances, otherInstances, enforcements, RULES, drainedMs, instances / elapsed);
            System.out.printf(Locale.ROOT, "scope %s: enforcements not succeeded %d (whole run); executions succeeded %d, "
                    + "in another status %d (whole run, warm-up included)%s%n", executions ? "executions" : "rules",
                    failedEnforcements, succeededExecutions, otherExecutions,
                    executions ? "" : "; execution requests handed to the bench's sink " + requested.get());
            System.out.printf(Locale.ROOT, "cpu: %.1f us per webhook while wrk ran (%.2f s CPU, %d accepted), %.1f us per "
                    + "webhook including the drain (%.2f s CPU), %.2f cores busy; load average %s%n", cpuWrk / 1e3 / Math.max(1, instancesWrk),
                    cpuWrk / 1e9, instancesWrk, cpuAll / 1e3 / Math.max(1, instances), cpuAll / 1e9, cpuAll / 1e9 / elapsed, loadAverage());
            System.out.println("threads: " + ticksWrk.perWebhook(instancesWrk));
            long idle0 = cpuNanos();
            long idleT0 = System.nanoTime();
            Thread.sleep(10_000);
            double idleCores = (cpuNanos() - idle0) / (double) (System.nanoTime() - idleT0);
            double wrkSeconds = seconds;
            System.out.printf(Locale.ROOT, "idle: %.3f cores busy over 10 s with no requests after the drain; net of that, "
                    + "%.1f us per webhook while wrk ran%n", idleCores,
                    (cpuWrk - idleCores * wrkSeconds * 1e9) / 1e3 / Math.max(1, instancesWrk));
            System.out.printf(Locale.ROOT, "store: %d commits, %d writes, average batch %.1f, largest batch %d%n", commits,
                    batched, commits == 0 ? 0.0 : (double) batched / commits, after.largestBatch());
            if (args.length > 3) {
                for (String rate : args[3].split(",")) {
                    drain(app);
                    int offered = Integer.parseInt(rate.strip());
                    long openCpu0 = cpuNanos();
                    OpenResult o = openLoop(app.httpPort(), offered, seconds);
                    long openCpu = cpuNanos() - openCpu0;
                    System.out.printf(Locale.ROOT, "open loop %d/s offered: %.0f/s accepted (202), p50 %.1f ms, p90 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms, non-202/errors %d, %d connections; server CPU %.1f us per webhook%n",
                            offered, o.accepted / (double) seconds, o.p(50), o.p(90), o.p(99), o.p(100), o.errors,
                            o.connections, openCpu / 1e3 / Math.max(1, o.accepted));
                }
            }
            System.out.printf(Locale.ROOT, "webhooks: %.0f/s accepted durable, p99 %s, %d rules, avg batch %.1f (sqlite "
                    + "synchronous=%s, wrk %d connections, scope %s)%n", r.rps, r.p99, RULES,
                    commits == 0 ? 0.0 : (double) batched / commits, sync, connections, executions ? "executions" : "rules");
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The floor under the webhook path: a bare Jetty (the same version, its default thread pool) that
     * reads each POST's body whole and answers 202 with it, nothing else, under the same wrk script
     * and CPU accounting. What the HTTP exchange alone costs on this machine, generator included.
     */
    private static void floor(Path lua, int seconds, int connections) throws Exception {
        org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server();
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        server.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                org.eclipse.jetty.io.Content.Source.asByteBuffer(request, org.eclipse.jetty.util.Promise.from(body -> {
                    answered.incrementAndGet();
                    response.setStatus(202);
                    response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, body, callback);
                }, callback::failed));
                return true;
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + connector.getLocalPort();
            wrk(url, lua, Integer.getInteger(WARMUP, 25), connections);
            long before = answered.get();
            long cpu0 = cpuNanos();
            Result r = wrk(url, lua, seconds, connections);
            long cpu = cpuNanos() - cpu0;
            long n = answered.get() - before;
            System.out.printf(Locale.ROOT, "cpu: %.1f us per request while wrk ran (%.2f s CPU, %d answered), %.2f cores "
                    + "busy; load average %s%n", cpu / 1e3 / Math.max(1, n), cpu / 1e9, n, cpu / 1e9 / seconds, loadAverage());
            System.out.printf(Locale.ROOT, "webhooks: %.0f/s answered 202 by bare Jetty (body read and echoed, nothing "
                    + "stored), p50 %s, p99 %s, errors %d (wrk %d connections, scope floor)%n", r.rps, r.p50, r.p99, r.errors,
                    connections);
        } finally {
            server.stop();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What one open-loop run gave: accepted requests, errors, connections used, sorted latencies (micros). */
    private record OpenResult(int accepted, int errors, int connections, long[] micros) {
        double p(int pct) {
            return micros.length == 0 ? Double.NaN
                    : micros[Math.min(micros.length - 1, Math.max(0, (int) Math.ceil(pct / 100.0 * micros.length) - 1))] / 1000.0;
        }
    }

    /**
     * Offers {@code rate} webhooks per second for {@code seconds} from a {@link RawOpenLoop} process (one
     * thread, keep-alive sockets, so that the generator's CPU is neither this JVM's nor much of the
     * machine's), with the bodies the wrk script sends; latency runs from each request's due time.
     */
    private static OpenResult openLoop(int port, int rate, int seconds) throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaCommand, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), RawOpenLoop.class.getName(), "127.0.0.1", String.valueOf(port),
                "/api/v1/webhooks/bench", "{\"service\":\"svc-{seq%100}\",\"severity\":{seq%5},\"host\":\"web-{seq%37}\","
                        + "\"message\":\"load is high on this host\"}", String.valueOf(rate), String.valueOf(seconds), "1024")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (System.getProperty("reflex.bench.openloop.dump") != null) {
            Files.write(Path.of(System.getProperty("reflex.bench.openloop.dump") + "-" + rate + "-" + System.nanoTime()), lines);
        }
        if (p.waitFor() != 0 || lines.size() < 2) {
            throw new IOException("RawOpenLoop failed: " + lines);
        }
        int connections = Integer.parseInt(lines.get(1).substring("connections ".length()));
        long[] micros = new long[lines.size() - 2];
        int accepted = 0;
        int errors = 0;
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(" ");
            if (f[1].equals("202")) {
                micros[accepted++] = Long.parseLong(f[2]);
            } else {
                errors++;
            }
        }
        micros = java.util.Arrays.copyOf(micros, accepted);
        java.util.Arrays.sort(micros);
        return new OpenResult(accepted, errors, connections, micros);
    }

    /** This process's CPU time (user + system) so far: the whole server, since it runs in this JVM. */
    /**
     * CPU time of this process's threads by name, and of the children it waited for (wrk), from
     * {@code /proc} in clock ticks (user and kernel). Threads are grouped by their name without its
     * trailing number ({@code ForkJoinPool-1-} for the carriers of virtual threads; the kernel keeps
     * 15 characters of a name). The split shows where the CPU of a webhook goes, and it moves less
     * with the machine's speed than the rate does.
     */
    record ThreadTicks(java.util.Map<String, long[]> byName) {

        /** Ticks a second ({@code USER_HZ}), 100 on Linux. */
        private static final double TICKS_PER_SECOND = 100;

        static ThreadTicks now() {
            java.util.Map<String, long[]> m = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    long[] t = stat(task.resolve("stat"));
                    String name = name(task);
                    // a thread that ended while being read is left out; the others still count
                    if (t != null && name != null) {
                        long[] sum = m.computeIfAbsent(name, k -> new long[2]);
                        sum[0] += t[0];
                        sum[1] += t[1];
                    }
                }
                long[] self = stat(Path.of("/proc/self/stat"));
                if (self != null) {
                    m.put("wrk (children)", new long[] {self[2], self[3]});
                }
            } catch (IOException e) {
                // no /proc: the split is left out
            }
            return new ThreadTicks(m);
        }

        /** A thread's name without its trailing number, or null when the thread has ended. */
        private static String name(Path task) {
            try {
                return Files.readString(task.resolve("comm")).strip().replaceAll("[#\\d]+$", "");
            } catch (IOException e) {
                return null;
            }
        }

        /** utime, stime, cutime, cstime of a stat line, or null when it cannot be read. */
        private static long[] stat(Path file) {
            try {
                String line = Files.readString(file);
                String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        ThreadTicks minus(ThreadTicks before) {
            java.util.Map<String, long[]> m = new java.util.TreeMap<>();
            byName.forEach((name, t) -> {
                long[] b = before.byName.getOrDefault(name, new long[2]);
                m.put(name, new long[] {t[0] - b[0], t[1] - b[1]});
            });
            return new ThreadTicks(m);
        }

        /** The groups that took the most, in microseconds per webhook, of it in the kernel in brackets. */
        String perWebhook(long webhooks) {
            double us = 1e6 / TICKS_PER_SECOND / Math.max(1, webhooks);
            StringBuilder out = new StringBuilder();
            byName.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                    .filter(e -> (e.getValue()[0] + e.getValue()[1]) * us >= 0.5).forEach(e -> out.append(out.isEmpty() ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%s %.1f (%.1f)", e.getKey(),
                                    (e.getValue()[0] + e.getValue()[1]) * us, e.getValue()[1] * us)));
            return out + " us per webhook while wrk ran (of it in the kernel)";
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " "
                    + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[1];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Waits until no trigger instance is pending or processing; returns how long it took. */
    private static long drain(App app) throws Exception {
        long t0 = System.nanoTime();
        while (count(app, "SELECT count(*) FROM trigger_instance WHERE status IN ('pending', 'processing')") > 0
                || count(app, "SELECT count(*) FROM execution WHERE status IN ('requested', 'scheduled', 'running', "
                        + "'delayed', 'pending', 'canceling')") > 0) {
            Thread.sleep(50);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long count(App app, String sql) throws Exception {
        try (Connection c = app.store().readers().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    record Result(double rps, String p50, String p99, long errors) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private static Result wrk(String url, Path script, int seconds, int connections) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        long errors = 0;
        Matcher m = NON2XX.matcher(out);
        if (m.find()) {
            errors += Long.parseLong(m.group(1));
        }
        m = SOCKET.matcher(out);
        if (m.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(m.group(i));
            }
        }
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IOException("unexpected wrk output:\n" + out);
        }
        Matcher p50 = P50.matcher(out);
        Matcher p99 = P99.matcher(out);
        return new Result(Double.parseDouble(rps.group(1)), p50.find() ? p50.group(1) : "?", p99.find() ? p99.group(1) : "?",
                errors);
    }
}
