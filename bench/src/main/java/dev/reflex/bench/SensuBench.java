package dev.reflex.bench;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import dev.reflex.config.ReflexConfig;
import dev.reflex.events.EventEngine;
import dev.reflex.events.jdbc.SensuTables;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.testkit.PostgresCluster;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable check results per second through the whole Sensu path: the event engine (history, flap
 * detection, event registry, handler pipeline with a reflex handler to a counting sink) over the
 * durable state, each result acknowledged only once its rows are committed (group commit), on the
 * embedded SQLite database and on PostgreSQL. Reports results/s and the p50/p99 latency from submit to
 * "stored" (the acknowledgement an agent or the API waits for).
 *
 * <p>Usage: {@code SensuBench [seconds] [in-flight] [pairs]} (defaults 15, 2000, 100000: 10,000
 * clients with 10 checks each; one result in ten is non-OK so events are created and resolved).
 */
public final class SensuBench {

    private SensuBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path work = Files.createTempDirectory("reflex-bench-sensu");
        System.out.printf(Locale.ROOT, "sensu benchmark: %d pairs, %d results in flight, %d s measured after 5 s warm-up%n",
                pairs, inFlight, seconds);
        String sqlite = run("sqlite", ReflexConfig.StoreSettings.defaults(), work.resolve("sqlite"), seconds, inFlight, pairs);
        String pg = "postgresql: not run (no PostgreSQL binaries)";
        Optional<Path> bin = PostgresCluster.findBinaries();
        if (bin.isPresent()) {
            try (PostgresCluster cluster = PostgresCluster.start(bin.get())) {
                cluster.createDatabase("bench");
                ReflexConfig.StoreSettings s = ReflexConfig.StoreSettings.defaults()
                        .withUrl(cluster.url("bench"), PostgresCluster.USER, "");
                pg = run("postgresql", s, work.resolve("pg"), seconds, inFlight, pairs);
            }
        }
        System.out.println("sensu: " + sqlite + "; " + pg);
    }

    private static String run(String backend, ReflexConfig.StoreSettings settings, Path dir, int seconds, int inFlight,
            int pairs) throws Exception {
        Clock clock = Clock.systemUTC();
        JdbcStore store = Stores.open(settings, dir, clock);
        store.start();
        SensuSettings definitions = SettingsParser.parse(JsonValues.asMap(JsonValues.read("""
                {"checks": {"c0": {"command": "true", "subscribers": ["all"], "interval": 10,
                                   "low_flap_threshold": 5, "high_flap_threshold": 20}}}""")), "<bench>").value();
        AtomicLong handled = new AtomicLong();
        SensuTables tables = SensuTables.load(store, clock);
        int clients = Math.max(1, pairs / 10);
        try (EventEngine engine = EventEngine.builder(() -> definitions).state(tables.events()).clients(tables.clients())
                .silences(tables.silences()).durability(tables.writes()).clock(clock)
                .reflexSink(e -> handled.incrementAndGet()).build()) {
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
            Semaphore slots = new Semaphore(inFlight);
            long[] latencies = new long[50_000_000 / 8];
            AtomicLong samples = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long n = 0;
            long measuredStart = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (measuredStart == 0 && now >= warmupEnd) {
                    measuredStart = now;
                    samples.set(0);
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
                boolean measuring = measuredStart != 0;
                long t0 = System.nanoTime();
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
            int count = (int) Math.min(samples.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            double rate = count / elapsed;
            double p50 = sorted[count / 2] / 1e6;
            double p99 = sorted[(int) (count * 0.99)] / 1e6;
            long[] wb = tables.writes().counters();
            System.out.printf(Locale.ROOT, "%-10s results/s %8.0f  p50 %6.2f ms  p99 %6.2f ms  handled %d  failures %d  "
                    + "row batches %d (avg %.0f rows)%n", backend, rate, p50, p99, handled.get(), failures.get(), wb[0],
                    wb[0] == 0 ? 0.0 : (double) wb[1] / wb[0]);
            return String.format(Locale.ROOT, "%s %.0f results/s durable, p99 %.1f ms", backend, rate, p99);
        } finally {
            tables.close();
            store.stop();
        }
    }
}
