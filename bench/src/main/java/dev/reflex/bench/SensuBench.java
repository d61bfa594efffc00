package dev.reflex.bench;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ReflexConfig;
import dev.reflex.events.EventEngine;
import dev.reflex.events.jdbc.SensuTables;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.StoreStats;
import dev.reflex.store.Stores;
import dev.reflex.testkit.PostgresCluster;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable check results per second through the whole Sensu path: the event engine (history, flap
 * detection, event registry, handler pipeline with a reflex handler to a counting sink) over the
 * durable state, each result acknowledged only once its rows are committed (group commit), on the
 * embedded SQLite database and on PostgreSQL. Reports results/s and the p50/p99 latency from submit to
 * "stored" (the acknowledgement an agent or the API waits for).
 *
 * <p>Usage: {@code SensuBench [seconds] [in-flight] [pairs] [rates]} (defaults 15, 2000, 100000: 10,000
 * clients with 10 checks each; one result in ten is non-OK so events are created and resolved). With
 * {@code rates} (comma-separated results/s, e.g. {@code 10000,20000,40000}) each rate is run open loop
 * after the closed-loop run: results are submitted on a fixed schedule and latency is measured from
 * the scheduled time (so a stall counts against every result it delayed), with {@code in-flight} as a
 * safety cap. {@code BENCH_BACKENDS} (default {@code sqlite,postgresql}) picks the stores and
 * {@code BENCH_WARMUP} the closed-loop warm-up in seconds (default 5; JIT compilation still weighs on
 * the CPU figures of a short warm-up). Each run also reports the process CPU time per result over the
 * measured window, split by thread (the submitting loop, the carriers of the engine's virtual
 * threads, the store writer, the write-behind drainer and acknowledger, and the rest of the JVM: GC
 * and JIT), and the measured window as JVM uptime, so that a GC log with uptime decorations
 * ({@code -Xlog:gc+cpu}) can be summed over the same window.
 */
public final class SensuBench {

    private SensuBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int[] rates = args.length > 3 && !args[3].isBlank()
                ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() : new int[0];
        String backends = Optional.ofNullable(System.getenv("BENCH_BACKENDS")).orElse("sqlite,postgresql");
        Path work = Files.createTempDirectory("reflex-bench-sensu");
        System.out.printf(Locale.ROOT, "sensu benchmark: %d pairs, %d results in flight, %d s measured after %s s warm-up%n",
                pairs, inFlight, seconds, Optional.ofNullable(System.getenv("BENCH_WARMUP")).orElse("5"));
        String sqlite = "sqlite: not run";
        if (backends.contains("sqlite")) {
            sqlite = run("sqlite", ReflexConfig.StoreSettings.defaults(), work.resolve("sqlite"), seconds, inFlight,
                    pairs, rates, () -> 0L);
        }
        String pg = backends.contains("postgresql") ? "postgresql: not run (no PostgreSQL binaries)" : "postgresql: not run";
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isPresent() && backends.contains("postgresql")) {
            try (PostgresCluster cluster = PostgresCluster.start(bin.get())) {
                cluster.createDatabase("bench");
                ReflexConfig.StoreSettings s = ReflexConfig.StoreSettings.defaults()
                        .withUrl(cluster.url("bench"), PostgresCluster.USER, "");
                int port = cluster.port();
                pg = run("postgresql", s, work.resolve("pg"), seconds, inFlight, pairs, rates, () -> serverCpuNanos(port));
            }
        }
        System.out.println("sensu: " + sqlite + "; " + pg);
    }

    private static String run(String backend, ReflexConfig.StoreSettings settings, Path dir, int seconds, int inFlight,
            int pairs, int[] rates, LongSupplier serverCpu) throws Exception {
        Clock clock = Clock.systemUTC();
        JdbcStore store = Stores.open(settings, dir, clock);
        store.start();
        SensuSettings definitions = SettingsParser.parse(JsonValues.asMap(JsonValues.read("""
                {"checks": {"c0": {"command": "true", "subscribers": ["all"], "interval": 10,
                                   "low_flap_threshold": 5, "high_flap_threshold": 20}}}""")), "<bench>").value();
        AtomicLong handled = new AtomicLong();
        SensuTables tables = SensuTables.load(store, clock);
        try (EventEngine engine = EventEngine.builder(() -> definitions).state(tables.events()).clients(tables.clients())
                .silences(tables.silences()).durability(tables.writes()).clock(clock)
                .reflexSink(e -> handled.incrementAndGet()).build()) {
            Load load = new Load(engine, store, tables, clock, pairs, serverCpu);
            int warmup = Integer.parseInt(Optional.ofNullable(System.getenv("BENCH_WARMUP")).orElse("5"));
            String summary = load.run(backend, "closed loop, " + inFlight + " in flight", warmup, seconds, inFlight, 0);
            for (int rate : rates) {
                load.run(backend, "open loop " + rate + "/s", 3, seconds, inFlight, rate);
            }
            System.out.printf(Locale.ROOT, "%-10s handled %d%n", backend, handled.get());
            return summary;
        } finally {
            tables.close();
            store.stop();
        }
    }

    /** Submits results to one engine; the sequence continues from run to run so histories keep growing. */
    /** The open loop's shortest sleep. */
    private static final long TICK_NANOS = 500_000;

    private static final class Load {
        private final EventEngine engine;
        private final JdbcStore store;
        private final SensuTables tables;
        private final Clock clock;
        private final int pairs;
        private final int clients;
        private final LongSupplier serverCpu;
        private long n;

        Load(EventEngine engine, JdbcStore store, SensuTables tables, Clock clock, int pairs, LongSupplier serverCpu) {
            this.serverCpu = serverCpu;
            this.engine = engine;
            this.store = store;
            this.tables = tables;
            this.clock = clock;
            this.pairs = pairs;
            this.clients = Math.max(1, pairs / 10);
        }

        /** One run: warm-up, then {@code seconds} measured; {@code rate} 0 is closed loop. */
        String run(String backend, String mode, int warmupSeconds, int seconds, int inFlight, int rate)
                throws InterruptedException {
            long start = System.nanoTime();
            long warmupEnd = start + Duration.ofSeconds(warmupSeconds).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            Semaphore slots = new Semaphore(inFlight);
            long[] latencies = new long[50_000_000 / 8];
            AtomicLong samples = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long measuredStart = 0;
            long cpuStart = 0;
            long serverStart = 0;
            Map<String, Long> threadsStart = Map.of();
            long[] wbStart = null;
            StoreStats storeStart = null;
            long sent = 0;
            double interval = rate > 0 ? 1e9 / rate : 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (measuredStart == 0 && now >= warmupEnd) {
                    measuredStart = now;
                    samples.set(0);
                    cpuStart = cpuNanos();
                    serverStart = serverCpu.getAsLong();
                    threadsStart = threadCpu();
                    wbStart = tables.writes().counters();
                    storeStart = store.stats();
                }
                long scheduled = now;
                if (rate > 0) {
                    scheduled = start + (long) (sent * interval);
                    if (scheduled > now) {
                        // Sleep at least a tick, then send everything that fell due. A park per result
                        // (every 20 us at 50,000/s) cost this generator 4 us of CPU per result, taken from
                        // the server's two cores. Latency counts from each result's scheduled time, so the
                        // wait is charged to the results, not hidden.
                        LockSupport.parkNanos(Math.max(scheduled - now, TICK_NANOS));
                        continue;
                    }
                }
                slots.acquire();
                int pair = (int) (n % pairs);
                long status = (n / pairs) % 10 == pair % 10 ? 2 : 0;
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("name", "c" + (pair % 10));
                check.put("output", status == 0 ? "OK" : "CRITICAL: value over threshold");
                check.put("status", status);
                check.put("executed", clock.instant().getEpochSecond());
                n++;
                sent++;
                boolean measuring = measuredStart != 0;
                long t0 = rate > 0 ? scheduled : System.nanoTime();
                engine.submit(CheckResult.of("client-" + (pair / 10 % clients), check)).whenComplete((r, e) -> {
                    long took = System.nanoTime() - t0;
                    slots.release();
                    if (e != null) {
                        failures.incrementAndGet();
                    } else if (measuring) {
                        long i = samples.getAndIncrement();
                        if (i < latencies.length) {
                            latencies[(int) i] = took;
                        }
                    }
                });
            }
            slots.acquire(inFlight);
            double elapsed = (System.nanoTime() - measuredStart) / 1e9;
            long cpu = cpuNanos() - cpuStart;
            int count = (int) Math.min(samples.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            double done = count / elapsed;
            double p50 = sorted[count / 2] / 1e6;
            double p99 = sorted[(int) (count * 0.99)] / 1e6;
            long[] wb = tables.writes().counters();
            long wbBatches = wb[0] - wbStart[0];
            StoreStats st = store.stats();
            long commits = st.commits() - storeStart.commits();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "%-10s %-26s results/s %8.0f  p50 %7.2f ms  p99 %7.2f ms  CPU %5.1f us/result  "
                    + "failures %d  row batches %d (avg %.0f rows, %.2f rows/result)  commits %d (avg %.1f writes)  "
                    + "load %.1f%n", backend, mode, done, p50, p99, cpu / 1e3 / Math.max(1, count), failures.get(),
                    wbBatches, wbBatches == 0 ? 0.0 : (double) (wb[1] - wbStart[1]) / wbBatches,
                    (double) (wb[1] - wbStart[1]) / Math.max(1, count), commits,
                    commits == 0 ? 0.0 : (double) (st.batchedWrites() - storeStart.batchedWrites()) / commits, load);
            Map<String, Long> threadsEnd = threadCpu();
            StringBuilder split = new StringBuilder();
            long named = 0;
            for (Map.Entry<String, Long> e : threadsEnd.entrySet()) {
                long d = e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L);
                named += d;
                split.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(), d / 1e3 / Math.max(1, count)));
            }
            long server = serverCpu.getAsLong() - serverStart;
            long uptimeEnd = ManagementFactory.getRuntimeMXBean().getUptime();
            long uptimeStart = uptimeEnd - (System.nanoTime() - measuredStart) / 1_000_000;
            System.out.printf(Locale.ROOT, "%-10s %-26s CPU us/result by thread:%s, JVM (GC, JIT) %.1f%s; %d results in "
                    + "JVM uptime %.3f-%.3f s%n", backend, mode, split, (cpu - named) / 1e3 / Math.max(1, count),
                    server == 0 ? "" : String.format(Locale.ROOT, "; database server processes %.1f",
                            server / 1e3 / Math.max(1, count)), count, uptimeStart / 1e3, uptimeEnd / 1e3);
            return String.format(Locale.ROOT, "%s %.0f results/s durable, p99 %.1f ms, %.1f us CPU/result", backend,
                    done, p99, cpu / 1e3 / Math.max(1, count));
        }
    }

    /** CPU nanoseconds of the live platform threads, summed per kind (virtual threads count in their carriers). */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new java.util.TreeMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = mx.getThreadCpuTime(info.getThreadId());
            if (t < 0) {
                continue;
            }
            String name = info.getThreadName();
            String kind = name.startsWith("ForkJoinPool") ? "carriers" : name.startsWith("reflex-store-writer") ? "store-writer"
                    : name.startsWith("sensu-write-behind") ? "drainer" : name.startsWith("sensu-write-acks") ? "acks"
                    : name.equals("main") ? "bench-main" : "other";
            out.merge(kind, t, Long::sum);
        }
        return out;
    }

    /** CPU nanoseconds of the PostgreSQL postmaster listening on {@code port} and of its children. */
    private static long serverCpuNanos(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains("-p " + port)).orElse(false))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
