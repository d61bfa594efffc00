package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Store} backend must have: the group-committing writer, lifecycle and
 * readiness check here, the key-value datastore in {@link KeyValueContract}. Each backend runs it
 * through a subclass that says how to reach a fresh, empty database.
 */
abstract class StoreContractTest implements KeyValueContract {

    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    JdbcStore store;

    /** Settings that reach this test's own empty database; the same on every call within one test. */
    abstract ReflexConfig.StoreSettings settings();

    /** The dialect this backend speaks. */
    abstract Store.Dialect expectedDialect();

    @BeforeEach
    void startStore() throws Exception {
        store = started(settings());
    }

    @AfterEach
    void stopStore() throws Exception {
        if (store != null) {
            store.stop();
        }
    }

    @Override
    public JdbcStore store() {
        return store;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public JdbcStore reopen() throws Exception {
        store.stop();
        store = started(settings());
        return store;
    }

    JdbcStore started(ReflexConfig.StoreSettings settings) throws Exception {
        JdbcStore s = Stores.open(settings, dataDir, clock);
        s.start();
        return s;
    }

    ReflexConfig.StoreSettings withMaxBatch(int maxBatch) {
        ReflexConfig.StoreSettings s = settings();
        return new ReflexConfig.StoreSettings(s.url(), s.user(), s.password(), s.poolSize(), s.commitWindow(), maxBatch);
    }

    @Test
    void speaksTheBackendsDialect() {
        assertThat(store.dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void checkRoundTripsThroughTheWriterAndTheReaders() throws SQLException {
        long commitsBefore = store.stats().commits();
        store.check();
        store.check();
        assertThat(store.stats().commits()).isEqualTo(commitsBefore + 2);
        assertThat(count("SELECT count(*) FROM store_health")).isEqualTo(1);
    }

    @Test
    void checkFailsOnceTheStoreIsStopped() throws Exception {
        store.stop();
        assertThatThrownBy(store::check).isInstanceOf(StoreException.class).hasMessageContaining("stopped");
    }

    @Test
    void writesFailBeforeStartAndAfterStop() throws Exception {
        JdbcStore fresh = Stores.open(settings(), dataDir, clock);
        assertThatThrownBy(() -> fresh.write(c -> 1)).isInstanceOf(StoreException.class).hasMessageContaining("not started");
        store.stop();
        assertThatThrownBy(() -> store.write(c -> 1)).isInstanceOf(StoreException.class).hasMessageContaining("stopped");
    }

    @Test
    void aWriteReturnsItsResultAfterTheCommitAndReadersSeeIt() throws SQLException {
        int inserted = store.write(c -> insert(c, "direct", "1"));
        assertThat(inserted).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM kv_pair WHERE name = 'direct'")).isEqualTo(1);
    }

    @Test
    void aWriteInsideAWriteIsRefusedInsteadOfDeadlocking() {
        assertThatThrownBy(() -> store.write(c -> store.write(inner -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wait for itself");
        store.check();
    }

    @Test
    void aCompletionThatWaitsForAnotherWriteIsRefusedInsteadOfDeadlocking() throws Exception {
        // the writer is held until the completion is chained, so that it runs on the completer
        Blocker blocker = Blocker.install(store);
        CompletableFuture<Object> inner = store.writeAsync(c -> insert(c, "outer", "1")).handle((n, failure) -> {
            try {
                return store.write(c -> insert(c, "inner", "2"));
            } catch (IllegalStateException e) {
                return e;
            }
        });
        blocker.release();
        assertThat(inner.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(IllegalStateException.class, e ->
                assertThat(e).hasMessageContaining("wait for itself"));
        // a completion may queue a write without waiting for it
        CompletableFuture<Integer> chained = store.writeAsync(c -> insert(c, "first", "1"))
                .thenCompose(n -> store.writeAsync(c -> insert(c, "second", "2")));
        assertThat(chained.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(names()).contains("first", "second", "outer").doesNotContain("inner");
    }

    @Test
    void aCompletionThatJoinsTheFutureOfAnotherWriteIsRefusedInsteadOfDeadlocking() throws Exception {
        // the writer is held until the completions are chained, so that they run on the completer
        Blocker blocker = Blocker.install(store);
        // the write joined is queued behind the completion that joins it: waiting would stop the completer for good
        CompletableFuture<Object> joined = store.writeAsync(c -> insert(c, "outer", "1")).handle((n, failure) -> {
            try {
                return store.writeAsync(c -> insert(c, "joined", "2")).join();
            } catch (IllegalStateException e) {
                return e;
            }
        });
        // so is a wait for what is chained on a write, with or without a timeout
        CompletableFuture<Object> chained = store.writeAsync(c -> insert(c, "outer2", "1")).handle((n, failure) -> {
            try {
                return store.writeAsync(c -> insert(c, "chained", "2")).thenApply(m -> m + 1).get(5, TimeUnit.SECONDS);
            } catch (IllegalStateException | java.util.concurrent.ExecutionException
                     | java.util.concurrent.TimeoutException | InterruptedException e) {
                return e;
            }
        });
        blocker.release();
        assertThat(joined.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(IllegalStateException.class, e ->
                assertThat(e).hasMessageContaining("wait for itself"));
        assertThat(chained.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        // the refused waits held nothing back: the writes they queued committed, and later ones complete
        assertThat(store.writeAsync(c -> insert(c, "after", "3")).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(names()).contains("outer", "joined", "outer2", "chained", "after");
        // off the completer the same futures are waited for as usual
        assertThat(store.writeAsync(c -> insert(c, "waited", "4")).thenApply(n -> n + 1).join()).isEqualTo(2);
    }

    @Test
    void futuresCompleteOffTheWriterInQueueOrderAndASlowCompletionDoesNotHoldBackCommits() throws Exception {
        Blocker blocker = Blocker.install(store);
        List<String> completed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch slowCallbackMayReturn = new CountDownLatch(1);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "ordered/" + String.format("%02d", i);
            CompletableFuture<Integer> f = store.writeAsync(c -> insert(c, name, "x"));
            f.thenRun(() -> {
                completed.add(name);
                threads.add(Thread.currentThread().getName());
                if (name.endsWith("/00")) {
                    Blocker.awaitQuietly(slowCallbackMayReturn);
                }
            });
            queued.add(f);
        }
        blocker.release();
        // the first completion is stuck in its callback; the writer goes on committing the next batches
        CompletableFuture<Integer> later = store.writeAsync(c -> insert(c, "later", "x"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> count("SELECT count(*) FROM kv_pair WHERE name = 'later'") == 1);
        assertThat(later).as("committed, but completed only after the completions queued before it").isNotDone();
        slowCallbackMayReturn.countDown();
        assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(completed).isEqualTo(completed.stream().sorted().toList()).hasSize(20);
        assertThat(threads).containsOnly("reflex-store-completer");
    }

    @Test
    void concurrentVirtualThreadWritersAreAllDurableAndShareCommits() throws Exception {
        int writers = 64;
        int each = 25;
        StoreStats before = store.stats();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.keyValues().put("load/" + writer + "/" + i, "v" + i, false, null);
                    }
                    return null;
                });
            }
        }
        StoreStats after = store.stats();
        long writes = after.writes() - before.writes();
        long commits = after.commits() - before.commits();
        assertThat(writes).isEqualTo(writers * each);
        assertThat(commits).as("group commit: fewer transactions than writes").isLessThan(writes);
        assertThat(after.largestBatch()).isGreaterThan(1);

        reopen();
        assertThat(store.keyValues().list("load/")).hasSize(writers * each);
    }

    @Test
    void writesQueuedWhileTheWriterIsBusyShareOneCommit() throws Exception {
        Blocker blocker = Blocker.install(store);
        long commitsBefore = store.stats().commits();
        List<CompletableFuture<Integer>> queued = queueInserts("queued/", 50);
        blocker.release();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(store.stats().commits() - commitsBefore).as("the blocker's commit, then one for all 50").isEqualTo(2);
        assertThat(store.stats().largestBatch()).isGreaterThanOrEqualTo(50);
        assertThat(count("SELECT count(*) FROM kv_pair WHERE name LIKE 'queued/%'")).isEqualTo(50);
    }

    @Test
    void aFailingWriteIsRolledBackAloneWhileTheRestOfItsBatchCommits() throws Exception {
        store.write(c -> insert(c, "existing", "0"));
        Blocker blocker = Blocker.install(store);
        StoreStats before = store.stats();
        CompletableFuture<Integer> first = store.writeAsync(c -> insert(c, "first", "1"));
        CompletableFuture<Integer> thrower = store.writeAsync(c -> {
            insert(c, "partial", "2");
            throw new SQLException("this write fails after its insert");
        });
        CompletableFuture<Integer> duplicate = store.writeAsync(c -> insert(c, "existing", "3"));
        CompletableFuture<Integer> unchecked = store.writeAsync(c -> {
            insert(c, "partial-too", "4");
            throw new IllegalStateException("a bug in the write");
        });
        CompletableFuture<Integer> last = store.writeAsync(c -> insert(c, "last", "5"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> store.stats().queued() == 5);
        blocker.release();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(last.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(thrower::join).hasCauseInstanceOf(StoreException.class)
                .hasRootCauseMessage("this write fails after its insert");
        assertThatThrownBy(duplicate::join).hasCauseInstanceOf(StoreException.class);
        assertThatThrownBy(unchecked::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.write(c -> insert(c, "existing", "6"))).isInstanceOf(StoreException.class);

        StoreStats after = store.stats();
        assertThat(after.commits() - before.commits()).as("the blocker's batch and one more").isEqualTo(3);
        assertThat(after.failedWrites() - before.failedWrites()).isEqualTo(4);
        assertThat(after.failedBatches()).isZero();
        assertThat(names()).containsExactly("existing", "first", "last");
    }

    @Test
    void aBatchRunsWithoutSavepointsUntilAWriteFailsThenAgainWriteByWrite() throws Exception {
        Blocker blocker = Blocker.install(store);
        StoreStats before = store.stats();
        List<CompletableFuture<Integer>> clean = queueInserts("clean/", 3);
        blocker.release();
        for (CompletableFuture<Integer> f : clean) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(store.stats().retriedBatches()).as("a batch where nothing fails runs once").isEqualTo(before.retriedBatches());

        blocker = Blocker.install(store);
        AtomicInteger beforeRuns = new AtomicInteger();
        AtomicInteger failingRuns = new AtomicInteger();
        AtomicInteger afterRuns = new AtomicInteger();
        CompletableFuture<Integer> earlier = store.writeAsync(c -> {
            beforeRuns.incrementAndGet();
            return insert(c, "earlier", "1");
        });
        CompletableFuture<Integer> failing = store.writeAsync(c -> {
            failingRuns.incrementAndGet();
            insert(c, "half-done", "2");
            throw new SQLException("fails after its insert");
        });
        CompletableFuture<Integer> later = store.writeAsync(c -> {
            afterRuns.incrementAndGet();
            return insert(c, "later", "3");
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> store.stats().queued() == 3);
        blocker.release();

        assertThat(earlier.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(failing::join).hasRootCauseMessage("fails after its insert");
        assertThat(beforeRuns).as("rolled back with its batch, then run again").hasValue(2);
        assertThat(failingRuns).hasValue(2);
        assertThat(afterRuns).as("never reached in the first run").hasValue(1);
        assertThat(store.stats().retriedBatches() - before.retriedBatches()).isEqualTo(1);
        assertThat(names()).contains("earlier", "later", "clean/0").doesNotContain("half-done");
        assertThat(count("SELECT count(*) FROM kv_pair WHERE name = 'earlier'")).as("committed once").isEqualTo(1);

        AtomicInteger aloneRuns = new AtomicInteger();
        assertThatThrownBy(() -> store.write(c -> {
            aloneRuns.incrementAndGet();
            insert(c, "alone", "4");
            throw new SQLException("alone and failing");
        })).isInstanceOf(StoreException.class);
        assertThat(aloneRuns).as("a write alone in its batch is not run again").hasValue(1);
        assertThat(names()).doesNotContain("alone");
    }

    @Test
    void producersBlockWhileTheQueueIsFullAndNothingIsDropped() throws Exception {
        store.stop();
        store = started(withMaxBatch(2));
        int capacity = JdbcStore.queueCapacity(2);
        int extra = 10;
        Blocker blocker = Blocker.install(store);
        AtomicInteger enqueued = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < capacity + extra; i++) {
            String name = "bp/" + i;
            CompletableFuture<Integer> result = new CompletableFuture<>();
            results.add(result);
            producers.add(Thread.ofVirtual().start(() -> {
                CompletableFuture<Integer> f = store.writeAsync(c -> insert(c, name, "x"));
                enqueued.incrementAndGet();
                f.whenComplete((v, e) -> {
                    if (e == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
            }));
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> enqueued.get() == capacity
                && producers.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == extra);
        assertThat(store.stats().queued()).isEqualTo(capacity);
        assertThat(results).noneMatch(CompletableFuture::isDone);

        blocker.release();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(count("SELECT count(*) FROM kv_pair WHERE name LIKE 'bp/%'")).isEqualTo(capacity + extra);
        assertThat(store.stats().largestBatch()).isLessThanOrEqualTo(2);
    }

    @Test
    void stopCommitsTheWritesAlreadyQueuedThenRefusesNewOnes() throws Exception {
        Blocker blocker = Blocker.install(store);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "drain/" + i;
            queued.add(store.writeAsync(c -> insert(c, name, "x")));
        }
        JdbcStore stopping = store;
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                stopping.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try {
                stopping.writeAsync(c -> 0);
                return false;
            } catch (StoreException refused) {
                return true;
            }
        });
        blocker.release();
        stopper.join(Duration.ofSeconds(30));
        assertThat(stopper.isAlive()).isFalse();
        assertThat(queued).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());

        store = started(settings());
        assertThat(count("SELECT count(*) FROM kv_pair WHERE name LIKE 'drain/%'")).isEqualTo(20);
    }

    @Test
    void dataSurvivesStopAndReopen() throws Exception {
        store.keyValues().put("kept", "plain", false, null);
        store.keyValues().put("kept.secret", "s3cr3t", true, null);
        reopen();
        assertThat(store.keyValues().get("kept")).map(KeyValue::value).hasValue("plain");
        assertThat(store.keyValues().get("kept.secret")).map(KeyValue::value).hasValue("s3cr3t");
        store.check();
    }

    /** Inserts a raw key-value row (not an upsert, so a duplicate name violates the primary key). */
    /** Queues inserts of {@code prefix0}, {@code prefix1}… behind a held writer, and waits until all are queued. */
    private List<CompletableFuture<Integer>> queueInserts(String prefix, int n) {
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix + i;
            queued.add(store.writeAsync(c -> insert(c, name, "x")));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> store.stats().queued() == n);
        return queued;
    }

    static int insert(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO kv_pair (name, value, secret, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.setBoolean(3, false);
            ps.setLong(4, 0);
            return ps.executeUpdate();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = store.readers().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> names() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = store.readers().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM kv_pair ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** A write that holds the writer busy until released, so that tests can fill the queue behind it. */
    static final class Blocker {
        private final CountDownLatch released = new CountDownLatch(1);
        private final CompletableFuture<Void> done;

        private Blocker(JdbcStore store, CountDownLatch running) {
            this.done = store.writeAsync(c -> {
                running.countDown();
                awaitQuietly(released);
                return null;
            });
        }

        static Blocker install(JdbcStore store) throws InterruptedException {
            CountDownLatch running = new CountDownLatch(1);
            Blocker blocker = new Blocker(store, running);
            assertThat(running.await(10, TimeUnit.SECONDS)).as("the writer picked up the blocker").isTrue();
            return blocker;
        }

        void release() throws Exception {
            released.countDown();
            done.get(30, TimeUnit.SECONDS);
        }

        static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
