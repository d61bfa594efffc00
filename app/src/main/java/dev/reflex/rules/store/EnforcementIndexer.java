package dev.reflex.rules.store;

import dev.reflex.app.Service;
import dev.reflex.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded store's index of enforcements by rule ({@code rule_enforcement_by_rule})
 * caught up, behind the writes.
 *
 * <p>An ordinary index on the rule puts each new enforcement into the leaf page of its rule's
 * range. With many rules firing, every commit rewrote dozens of scattered index pages, and those
 * pages were about half of what the webhook path wrote to disk. This job instead copies the new rows'
 * keys every {@link #DEFAULT_INTERVAL}, sorted by rule, so each rule's leaf is rewritten once per
 * chunk of a catch-up instead of once per commit. {@code rule_enforcement_indexed.upto} is
 * the rowid of {@code rule_enforcement} up to which the copy is complete; it moves in the same
 * transaction as the copy, so a crash loses nothing (the next catch-up starts from it). Queries by
 * rule read the rows above it from the table ({@link EnforcementRepository#list}).
 *
 * <p>A catch-up copies at most {@link #DEFAULT_CHUNK} rows in one write and queues the next chunk
 * behind the writes queued meanwhile. The store has one writer: a catch-up of a whole second of
 * enforcements at 14,000 a second held it for about 25 ms, and every webhook waiting for a commit
 * waited that long too (the p99 at 64 connections was 27.7 ms with it, 17.2 ms without the indexer).
 *
 * <p>Only SQLite uses it. PostgreSQL keeps an ordinary index, maintained with each insert.
 */
public final class EnforcementIndexer implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(EnforcementIndexer.class);
    /** How often the index catches up while the server runs. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final String COPY = "INSERT INTO rule_enforcement_by_rule (rule_ref, enforced_at, seq, id) "
            + "SELECT rule_ref, enforced_at, seq, id FROM rule_enforcement WHERE rowid > ? AND rowid <= ? "
            + "ORDER BY rule_ref, enforced_at, seq";

    /** The most rows (by rowid) one catch-up write copies: a few milliseconds of the writer's time. */
    public static final int DEFAULT_CHUNK = 2_000;

    private final Store store;
    private final Duration interval;
    private final int chunk;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile boolean stopped;
    private ScheduledExecutorService ticker;

    /** An indexer that catches up every {@code interval} once started. */
    public EnforcementIndexer(Store store, Duration interval) {
        this(store, interval, DEFAULT_CHUNK);
    }

    /** An indexer that catches up every {@code interval} once started, {@code chunk} rows per write at most. */
    public EnforcementIndexer(Store store, Duration interval, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1 but is " + chunk);
        }
        this.store = store;
        this.interval = interval;
        this.chunk = chunk;
    }

    @Override
    public String name() {
        return "enforcement-indexer";
    }

    @Override
    public void start() {
        stopped = false;
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reflex-enforcement-indexer")
                .daemon(true).factory());
        long every = interval.toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        stopped = true;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        }
        // what is left is caught up at the next start's first tick; queries read it from the table meanwhile
    }

    private void tick() {
        // one catch-up in the writer's queue at a time: a slow store must not pile them up
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        catchUp().whenComplete((n, failure) -> {
            queued.set(false);
            if (failure != null) {
                LOG.warn("catching up the index of rule enforcements by rule failed; the next tick tries again", failure);
            }
        });
    }

    /**
     * Copies the keys of every enforcement not yet indexed, a chunk per write; the future gives how
     * many, once the last chunk is committed.
     */
    public CompletableFuture<Integer> catchUp() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        next(0, result);
        return result;
    }

    /**
     * Queues the next chunk; its completion queues the one after, so no chain of futures builds up.
     * Once the indexer is stopped no further chunk is queued: the next start catches up the rest.
     */
    private void next(int copiedSoFar, CompletableFuture<Integer> result) {
        store.writeAsync(c -> copy(c, chunk)).whenComplete((step, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (step.more() && !stopped) {
                next(copiedSoFar + step.copied(), result);
            } else {
                result.complete(copiedSoFar + step.copied());
            }
        });
    }

    /** What one write copied, and whether rows above what it copied remain. */
    record Step(int copied, boolean more) {
    }

    /** One chunk of the catch-up, inside a write: the rows after the mark, {@code chunk} rowids at most. */
    static Step copy(Connection c, int chunk) throws SQLException {
        long from;
        long newest;
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT upto FROM rule_enforcement_indexed), "
                + "(SELECT coalesce(max(rowid), 0) FROM rule_enforcement)"); var rs = ps.executeQuery()) {
            rs.next();
            from = rs.getLong(1);
            newest = rs.getLong(2);
        }
        if (newest == from) {
            return new Step(0, false);
        }
        // below the mark (the newest rows were deleted, their rowids will be given again) the mark moves down
        long to = newest > from ? Math.min(newest, from + chunk) : newest;
        int copied = 0;
        if (to > from) {
            try (PreparedStatement ps = c.prepareStatement(COPY)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                copied = ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE rule_enforcement_indexed SET upto = ?")) {
            ps.setLong(1, to);
            ps.executeUpdate();
        }
        return new Step(copied, to < newest);
    }
}
