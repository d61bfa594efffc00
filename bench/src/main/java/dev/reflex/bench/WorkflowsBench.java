package dev.reflex.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflows benchmark, run by {@code bench/scripts/workflows.sh}, against a real {@code reflex
 * server} process (a child JVM on the embedded SQLite store, durable group commit):
 * (a) open loop at several offered rates: webhook {@code POST} → rule → {@code orquesta} workflow of
 * two {@code core.noop} tasks → {@code succeeded}; throughput and the webhook-to-succeeded latency
 * (from the moment the webhook was due to be sent, so a late sender does not hide queueing, to the
 * workflow's recorded end time, read from the store after the run), p50, p99 and max, and the server
 * process's CPU per workflow; the webhooks come from a {@link RawOpenLoop} process;
 * (b) in a fresh server: live heap after a full GC and the server's thread count before and after
 * {@code WAITING} workflows wait in a task {@code delay} of an hour.
 *
 * <p>Arguments: {@code RATES SECONDS WAITING}, for instance {@code 100,250,500,1000 10 10000}. The
 * environment variable {@code BENCH_SERVER_OPTS} adds JVM options to the server (a JFR recording);
 * {@code BENCH_SERVER_CLASSPATH} runs the server from other classes (another build's
 * {@code app/target/reflex.jar}, to compare builds under the same load); {@code BENCH_WARMUP} sets the seconds of the 200/s warm-up before the first rate (default 30).
 */
public final class WorkflowsBench {

    private static final Pattern PID = Pattern.compile("(\\d+)");

    private WorkflowsBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(args[1]);
        int waiting = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("reflex-bench-workflows");
        Path packs = dir.resolve("packs");
        writePack(packs.resolve("bench"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> summary = new ArrayList<>();
        if (rates.length > 0 && rates[0] > 0) {
            try (Server server = Server.start(dir.resolve("data-rates"), packs)) {
                // warm-up: long enough for the JIT compilers to settle (on two cores C2 alone takes a
                // third of a core for the first half minute), at a rate every build sustains
                int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "30"));
                if (warmup > 0) {
                    openLoop(server, "wf", 200, warmup, 0);
                }
                int phase = 1;
                for (int rate : rates) {
                    Result r = openLoop(server, "wf", rate, seconds, phase++ * 10_000_000);
                    System.out.printf(Locale.ROOT, "offered %d/s for %d s: %d webhooks (%d refused, %d connections), "
                                    + "%d succeeded, throughput %.0f workflows/s; webhook->succeeded p50 %.1f ms, p99 %.1f ms, "
                                    + "max %.1f ms; server CPU %.0f us/workflow%n", rate, seconds, r.sent, r.refused,
                            r.connections, r.done, r.throughput, r.p(50), r.p(99), r.max(), r.cpuMicrosEach);
                    summary.add(String.format(Locale.ROOT, "%d/s: %.0f/s p99 %.0f ms", rate, r.throughput, r.p(99)));
                }
            }
        }
        if (waiting > 0) {
            try (Server server = Server.start(dir.resolve("data-waiting"), packs)) {
                openLoop(server, "wf", 200, 2, 0);   // warm-up: classes loaded, pools started
                long heap0 = server.liveHeap();
                int threads0 = server.threads();
                long t0 = System.nanoTime();
                post(http, server, "wait", waiting, 500);
                while (server.count("SELECT count(*) FROM workflow_state") < waiting) {
                    Thread.sleep(200);
                    if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                        throw new IllegalStateException("workflows did not all start waiting within 5 minutes");
                    }
                }
                long running = server.count("SELECT count(*) FROM execution WHERE action_ref = 'bench.wait' "
                        + "AND status = 'running'");
                long heap1 = server.liveHeap();
                int threads1 = server.threads();
                System.out.printf(Locale.ROOT, "waiting: %d workflows running in a 1 h task delay (store: %d running); "
                                + "live heap after full GC %.1f MiB -> %.1f MiB: %.0f bytes per waiting workflow; "
                                + "threads %d -> %d%n", waiting, running, heap0 / 1048576.0, heap1 / 1048576.0,
                        (heap1 - heap0) / (double) waiting, threads0, threads1);
                summary.add(String.format(Locale.ROOT, "%d waiting: %.0f B each, threads %d->%d", waiting,
                        (heap1 - heap0) / (double) waiting, threads0, threads1));
            }
        }
        System.out.println("workflows: " + String.join("; ", summary));
    }

    private static void writePack(Path pack) throws IOException {
        Files.createDirectories(pack.resolve("actions/workflows"));
        Files.createDirectories(pack.resolve("rules"));
        Files.writeString(pack.resolve("pack.yaml"), "ref: bench\nname: bench\ndescription: workflows benchmark\n"
                + "version: 1.0.0\nauthor: reflex\n");
        Files.writeString(pack.resolve("actions/wf.yaml"), """
                name: wf
                pack: bench
                runner_type: orquesta
                entry_point: workflows/wf.yaml
                parameters:
                  seq: {type: integer, required: true}
                """);
        Files.writeString(pack.resolve("actions/workflows/wf.yaml"), """
                version: 1.0
                input: [seq]
                tasks:
                  one:
                    action: core.noop
                    next: [{do: two}]
                  two:
                    action: core.noop
                """);
        Files.writeString(pack.resolve("actions/wait.yaml"), """
                name: wait
                pack: bench
                runner_type: orquesta
                entry_point: workflows/wait.yaml
                parameters:
                  seq: {type: integer, required: true}
                """);
        Files.writeString(pack.resolve("actions/workflows/wait.yaml"), """
                version: 1.0
                input: [seq]
                tasks:
                  later:
                    delay: 3600
                    action: core.noop
                """);
        for (String name : List.of("wf", "wait")) {
            Files.writeString(pack.resolve("rules/" + name + ".yaml"), """
                    name: %s
                    pack: bench
                    enabled: true
                    trigger: {type: core.st2.webhook, parameters: {url: %s}}
                    action: {ref: bench.%s, parameters: {seq: "{{trigger.body.seq}}"}}
                    """.formatted(name, name, name));
        }
    }

    /** The figures of one open-loop run; latencies in microseconds, sorted. */
    private record Result(int sent, int refused, int connections, int done, double throughput, long[] latency,
            double cpuMicrosEach) {
        double p(int pct) {
            return latency.length == 0 ? Double.NaN
                    : latency[Math.min(latency.length - 1, (int) Math.ceil(pct / 100.0 * latency.length) - 1)] / 1000.0;
        }

        double max() {
            return latency.length == 0 ? Double.NaN : latency[latency.length - 1] / 1000.0;
        }
    }

    /**
     * Offers {@code rate × seconds} webhooks at fixed intervals from a {@link RawOpenLoop} process (one
     * thread, keep-alive sockets, up to 2,048 connections, so that the generator takes little of the
     * two cores from the server), waits for the workflows to end and reads their end times.
     */
    private static Result openLoop(Server server, String hook, int rate, int seconds, int seqBase)
            throws Exception {
        int n = rate * seconds;
        long interval = 1_000_000_000L / rate;
        URI uri = URI.create(server.base);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long cpu0 = server.cpuNanos();
        Process generator = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), RawOpenLoop.class.getName(), uri.getHost(),
                String.valueOf(uri.getPort()), "/api/v1/webhooks/" + hook, "{\"seq\":{seq}}", String.valueOf(rate),
                String.valueOf(seconds), "2048", String.valueOf(seqBase))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (generator.waitFor() != 0 || lines.size() < 2) {
            throw new IOException("RawOpenLoop failed: " + lines);
        }
        long startMicros = Long.parseLong(lines.get(0).substring("start ".length()));
        int connections = Integer.parseInt(lines.get(1).substring("connections ".length()));
        AtomicInteger refused = new AtomicInteger();
        for (String line : lines.subList(2, lines.size())) {
            if (!line.split(" ")[1].equals("202")) {
                refused.incrementAndGet();
            }
        }
        int expected = n - refused.get();
        String countSql = "SELECT count(*) FROM execution WHERE action_ref = 'bench." + hook + "' AND status = 'succeeded' "
                + "AND json_extract(doc, '$.parameters.seq') BETWEEN " + seqBase + " AND " + (seqBase + n - 1);
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long done = server.count(countSql);
            if (done >= expected) {
                break;
            }
            if (done != last) {
                last = done;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(30)) {
                System.out.println("  (no progress for 30 s: " + done + " of " + expected + " succeeded)");
                break;
            }
            Thread.sleep(100);
        }
        List<Long> latencies = new ArrayList<>();
        long lastEnd = startMicros;
        try (Connection c = server.db(); PreparedStatement ps = c.prepareStatement(
                "SELECT json_extract(doc, '$.parameters.seq'), end_ts FROM execution WHERE action_ref = ? "
                        + "AND status = 'succeeded' AND json_extract(doc, '$.parameters.seq') BETWEEN ? AND ?")) {
            ps.setString(1, "bench." + hook);
            ps.setLong(2, seqBase);
            ps.setLong(3, seqBase + n - 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long due = startMicros + (rs.getLong(1) - seqBase) * interval / 1000;
                    long end = rs.getLong(2);
                    latencies.add(end - due);
                    lastEnd = Math.max(lastEnd, end);
                }
            }
        }
        long cpu = server.cpuNanos() - cpu0;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double throughput = sorted.length / ((lastEnd - startMicros) / 1e6);
        return new Result(n, refused.get(), connections, sorted.length, throughput, sorted,
                sorted.length == 0 ? Double.NaN : cpu / 1000.0 / sorted.length);
    }

    /** Posts {@code n} webhooks at {@code rate} per second, closed to 256 in flight. */
    private static void post(HttpClient http, Server server, String hook, int n, int rate) throws Exception {
        Semaphore inFlight = new Semaphore(256);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                int seq = i;
                pool.submit(() -> {
                    try {
                        if (http.send(webhook(server, hook, seq), HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                            refused.incrementAndGet();
                        }
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " webhooks refused");
        }
    }

    private static HttpRequest webhook(Server server, String hook, int seq) {
        return HttpRequest.newBuilder(URI.create(server.base + "/api/v1/webhooks/" + hook))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"seq\":" + seq + "}")).build();
    }

    /** A {@code reflex server} child process on its own data directory. */
    private static final class Server implements AutoCloseable {
        final Process process;
        final String base;
        final Path data;
        final Path log;

        private Server(Process process, String base, Path data, Path log) {
            this.process = process;
            this.base = base;
            this.data = data;
            this.log = log;
        }

        static Server start(Path data, Path packs) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Files.createDirectories(data);
            Path logback = data.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level %logger{24} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="ERR"/></root>
                    </configuration>
                    """);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                    "-Dlogback.configurationFile=" + logback));
            String extra = System.getenv("BENCH_SERVER_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.trim().split("\\s+")));
            }
            String serverClasspath = System.getenv().getOrDefault("BENCH_SERVER_CLASSPATH", System.getProperty("java.class.path"));
            cmd.addAll(List.of("-cp", serverClasspath, "dev.reflex.app.Main", "server",
                    "--data-dir", data.toString(), "--http-port", Integer.toString(port), "--packs", packs.toString()));
            Path log = data.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().remove("REFLEX_ENV");
            Server server = new Server(pb.start(), "http://127.0.0.1:" + port, data, log);
            HttpClient probe = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!server.process.isAlive()) {
                    throw new IllegalStateException("reflex server exited:\n" + Files.readString(log));
                }
                try {
                    if (probe.send(HttpRequest.newBuilder(URI.create(server.base + "/api/v1/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        System.out.println("server pid " + server.process.pid() + " ready on " + server.base);
                        return server;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            server.process.destroyForcibly();
            throw new IllegalStateException("reflex server not ready:\n" + Files.readString(log));
        }

        /** The server process's CPU time (user + system) so far. */
        long cpuNanos() throws IOException {
            String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;   // clock ticks of 10 ms
        }

        Connection db() throws Exception {
            return DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("reflex.db") + "?mode=ro");
        }

        long count(String sql) throws Exception {
            try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Bytes of live objects after a full GC (the class histogram's total). */
        long liveHeap() throws Exception {
            String out = jcmd("GC.class_histogram");
            String[] lines = out.strip().split("\n");
            Matcher m = Pattern.compile("Total\\s+(\\d+)\\s+(\\d+)").matcher(lines[lines.length - 1]);
            if (!m.find()) {
                throw new IllegalStateException("no total in the class histogram: " + lines[lines.length - 1]);
            }
            return Long.parseLong(m.group(2));
        }

        /** The server's operating-system threads. */
        int threads() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("Threads:")) {
                    Matcher m = PID.matcher(line);
                    m.find();
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new IllegalStateException("no thread count for " + process.pid());
        }

        private String jcmd(String command) throws Exception {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            String log = Files.readString(this.log);
            if (log.contains("ERROR")) {
                System.out.println("server log has errors:\n" + log.lines().filter(l -> l.contains("ERROR")).limit(10)
                        .reduce("", (a, b) -> a + b + "\n"));
            }
        }
    }
}
