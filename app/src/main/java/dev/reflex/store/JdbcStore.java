package dev.reflex.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.reflex.config.ReflexConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} over JDBC, for SQLite and PostgreSQL alike: {@link #start()} applies the dialect's
 * migrations, starts the one group-committing writer and opens the reader pool; {@link #stop()}
 * commits every write already accepted, then closes them. Create it with {@link Stores#open}.
 *
 * <p>A {@link Store.Write} runs on the writer's thread inside the shared transaction: it must not
 * commit, roll back, close the connection or call back into this store's write methods.
 */
public final class JdbcStore implements Store {

    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);
    /** How often expired key-value entries are deleted; expiry itself is judged by the injected clock. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final long HEALTH_ROW_RETENTION_MILLIS = Duration.ofDays(1).toMillis();

    private enum State { NEW, STARTED, STOPPED }

    private final Backend backend;
    private final ReflexConfig.StoreSettings settings;
    private final Clock clock;
    private final JdbcKeyValueStore keyValues;
    private final String node = UUID.randomUUID().toString();
    private volatile State state = State.NEW;
    private GroupCommitWriter writer;
    private HikariDataSource readers;
    private ScheduledExecutorService housekeeping;

    JdbcStore(Backend backend, ReflexConfig.StoreSettings settings, Path keyFile, Clock clock) {
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
        this.keyValues = new JdbcKeyValueStore(this, clock, keyFile);
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public synchronized void start() throws Exception {
        if (state != State.NEW) {
            throw new IllegalStateException("the store can be started once; it is " + state);
        }
        backend.prepare();
        migrate();
        DataSource writerSource = backend.writerSource();
        GroupCommitWriter w = new GroupCommitWriter(writerSource::getConnection, settings.maxBatch(),
                settings.commitWindow(), queueCapacity(settings.maxBatch()));
        try {
            w.start();
        } catch (SQLException e) {
            throw new StoreException("connecting the writer to " + backend + " failed", e);
        }
        writer = w;
        try {
            readers = backend.openReaders(settings.poolSize());
        } catch (RuntimeException e) {
            w.stop();
            throw new StoreException("opening the reader pool of " + backend + " failed", e);
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reflex-store-housekeeping").daemon(true).factory());
        long period = PURGE_INTERVAL.toMillis();
        housekeeping.scheduleWithFixedDelay(this::purgeQuietly, period, period, TimeUnit.MILLISECONDS);
        state = State.STARTED;
        log.info("store started: {}, {} readers, batches of up to {} writes", backend, settings.poolSize(),
                settings.maxBatch());
    }

    @Override
    public synchronized void stop() throws Exception {
        if (state != State.STARTED) {
            return;
        }
        state = State.STOPPED;
        housekeeping.shutdownNow();
        writer.stop();
        readers.close();
        StoreStats stats = writer.stats();
        log.info("store stopped: {} writes in {} commits", stats.writes(), stats.commits());
    }

    @Override
    public CompletableFuture<Throwable> failure() {
        GroupCommitWriter w = writer;
        return w == null ? new CompletableFuture<>() : w.failure();
    }

    @Override
    public Dialect dialect() {
        return backend.dialect();
    }

    @Override
    public DataSource readers() {
        requireStarted();
        return readers;
    }

    @Override
    public <T> T write(Write<T> write) {
        GroupCommitWriter w = writer;
        if (w != null && w.onCompleter()) {
            throw new IllegalStateException("a write's completion must not wait for another write: it would wait for "
                    + "itself (use writeAsync)");
        }
        CompletableFuture<T> result = writeAsync(write);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a commit; the write may still be applied", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreException("the write failed", cause);
        }
    }

    @Override
    public <T> CompletableFuture<T> writeAsync(Write<T> write) {
        requireStarted();
        return writer.submit(write);
    }

    @Override
    public KeyValueStore keyValues() {
        return keyValues;
    }

    /** The writer's counters: commits, writes, batch sizes. */
    public StoreStats stats() {
        GroupCommitWriter w = writer;
        return w == null ? new StoreStats(0, 0, 0, 0, 0, 0, 0, 0) : w.stats();
    }

    @Override
    public void check() {
        String token = UUID.randomUUID().toString();
        long now = clock.millis();
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_health (node, token, checked_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET token = excluded.token, "
                    + "checked_at = excluded.checked_at")) {
                ps.setString(1, node);
                ps.setString(2, token);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_health WHERE checked_at < ?")) {
                ps.setLong(1, now - HEALTH_ROW_RETENTION_MILLIS);
                ps.executeUpdate();
            }
            return null;
        });
        try (Connection c = readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token FROM store_health WHERE node = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !token.equals(rs.getString(1))) {
                    throw new StoreException("the store check failed: a committed write is not visible to readers");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("the store check failed: reading back the check row failed", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcStore[" + backend + ", " + state + "]";
    }

    private void migrate() {
        try {
            Flyway.configure(JdbcStore.class.getClassLoader())
                    .dataSource(backend.writerSource())
                    .locations(backend.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("migrating the schema of " + backend + " failed", e);
        }
    }

    private void purgeQuietly() {
        try {
            int purged = keyValues.purgeExpired();
            if (purged > 0) {
                log.debug("purged {} expired key-value entries", purged);
            }
        } catch (RuntimeException e) {
            log.warn("purging expired key-value entries failed", e);
        }
    }

    private void requireStarted() {
        State s = state;
        if (s != State.STARTED) {
            throw new StoreException(s == State.NEW ? "the store is not started" : "the store is stopped");
        }
    }

    /** The queue holds a few batches' worth of writes before producers block. */
    static int queueCapacity(int maxBatch) {
        return Math.max(64, maxBatch * 4);
    }
}
