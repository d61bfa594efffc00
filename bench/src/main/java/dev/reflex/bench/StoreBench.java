package dev.reflex.bench;

import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import dev.reflex.testkit.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Durable writes per second through the store: the embedded SQLite database against PostgreSQL, the
 * same workload in the same run. Each backend runs three scenarios on a fresh database: one writer
 * (every put its own transaction), many virtual-thread writers with group commit, and the same many
 * writers with batches of one (no group commit), for contrast.
 *
 * <p>Usage: {@code StoreBench [seconds per scenario] [writers]}. PostgreSQL is the server at
 * {@code REFLEX_BENCH_PG_URL} (with {@code REFLEX_BENCH_PG_USER}, {@code REFLEX_BENCH_PG_PASSWORD}) or
 * else a temporary cluster from the Debian binaries, both with their default durability settings.
 * Prints one line per scenario and ends with one summary line.
 */
public final class StoreBench {

    private static final Duration WARMUP = Duration.ofSeconds(2);

    private record Scenario(String name, int writers, int maxBatch) {
    }

    private record Pg(String url, String user, String password) {
        @Override
        public String toString() {
            return "Pg[url=" + url + "]";
        }
    }

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Duration measured = Duration.ofSeconds(seconds);
        List<Scenario> scenarios = List.of(
                new Scenario("single writer", 1, 1),
                new Scenario("group commit", writers, 1000),
                new Scenario("no batching", writers, 1));
        Path work = Files.createTempDirectory("reflex-bench-store");
        System.out.printf(Locale.ROOT, "store benchmark: KV puts (64-byte values, new key each), %d s measured after "
                + "%d s warm-up per scenario, data under %s%n", seconds, WARMUP.toSeconds(), work);
        System.out.printf(Locale.ROOT, "%-10s  %-14s %7s %8s %11s %8s %8s %9s %9s %8s%n", "backend", "scenario",
                "writers", "maxBatch", "writes/s", "p50 ms", "p99 ms", "avg batch", "max batch", "commits");

        List<WriteLoad.Result> sqlite = new ArrayList<>();
        for (Scenario s : scenarios) {
            Path dir = Files.createDirectories(work.resolve("sqlite-" + sqlite.size()));
            JdbcStore store = Stores.open(settings(null, s.maxBatch()), dir, Clock.systemUTC());
            sqlite.add(measure("sqlite", s, store, measured));
        }

        PostgresCluster cluster = null;
        Pg pg = external();
        if (pg == null) {
            Optional<Path> bin = PostgresCluster.findBinaries();
            if (bin.isEmpty()) {
                throw new IllegalStateException("no PostgreSQL: install the 'postgresql' package or set REFLEX_BENCH_PG_URL");
            }
            cluster = PostgresCluster.start(bin.get());
            cluster.createDatabase("bench");
            pg = new Pg(cluster.url("bench"), PostgresCluster.USER, "");
        }
        List<WriteLoad.Result> postgres = new ArrayList<>();
        try {
            System.out.println("postgresql: " + describe(pg));
            for (Scenario s : scenarios) {
                String schema = "bench_" + postgres.size() + "_" + ProcessHandle.current().pid();
                execute(pg, "CREATE SCHEMA " + schema);
                try {
                    String url = pg.url() + (pg.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
                    ReflexConfig.StoreSettings settings = settings(null, s.maxBatch()).withUrl(url, pg.user(), pg.password());
                    JdbcStore store = Stores.open(settings, work.resolve("pg-keys"), Clock.systemUTC());
                    postgres.add(measure("postgresql", s, store, measured));
                } finally {
                    execute(pg, "DROP SCHEMA " + schema + " CASCADE");
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            deleteTree(work);
        }
        double lite = sqlite.get(1).writesPerSecond();
        double post = postgres.get(1).writesPerSecond();
        System.out.printf(Locale.ROOT, "store: sqlite %.0f writes/s, postgresql %.0f writes/s (ratio %.1f); "
                + "group commit, %d writers, durable (fsync per commit)%n", lite, post, lite / post, writers);
    }

    private static WriteLoad.Result measure(String backend, Scenario s, JdbcStore store, Duration measured)
            throws Exception {
        store.start();
        WriteLoad.Result r;
        try {
            r = WriteLoad.run(store, s.writers(), WARMUP, measured);
        } finally {
            store.stop();
        }
        System.out.printf(Locale.ROOT, "%-10s  %-14s %7d %8d %11.0f %8.2f %8.2f %9.1f %9d %8d%n", backend, s.name(),
                s.writers(), s.maxBatch(), r.writesPerSecond(), r.p50Millis(), r.p99Millis(), r.averageBatch(),
                r.largestBatch(), r.commits());
        return r;
    }

    private static ReflexConfig.StoreSettings settings(String url, int maxBatch) {
        return new ReflexConfig.StoreSettings(url, null, null, 4, Duration.ZERO, maxBatch);
    }

    private static Pg external() {
        String url = System.getenv("REFLEX_BENCH_PG_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new Pg(url, System.getenv("REFLEX_BENCH_PG_USER"), System.getenv("REFLEX_BENCH_PG_PASSWORD"));
    }

    /** The server's version and the settings that decide what a commit costs. */
    private static String describe(Pg pg) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method",
                    "commit_delay")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.append(out.isEmpty() ? "" : ", ").append(setting).append('=').append(rs.getString(1));
                }
            }
        }
        return out.toString();
    }

    private static void execute(Pg pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
