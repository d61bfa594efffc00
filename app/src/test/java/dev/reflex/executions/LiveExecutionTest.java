package dev.reflex.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.reflex.actions.ResolvedParameters;
import dev.reflex.config.ReflexConfig;
import dev.reflex.store.JdbcStore;
import dev.reflex.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a live execution writes its transitions on a real store (SQLite here, PostgreSQL in
 * {@link PostgresLiveExecutionTest}): into its queued insert while the
 * writer has not run it (one statement), as updates afterwards, durable on return either way, and
 * nothing recorded when the insert fails.
 */
class LiveExecutionTest {

    private static final ResolvedParameters NONE = new ResolvedParameters(Map.of(), Map.of(), Map.of(), List.of(), Set.of());

    @TempDir
    Path dir;
    JdbcStore store;
    ExecutionRepository repository;
    CountDownLatch writerHeld;

    @BeforeEach
    void start() throws Exception {
        store = Stores.open(settings(), dir, Clock.systemUTC());
        store.start();
        repository = new ExecutionRepository(store);
    }

    @AfterEach
    void stop() throws Exception {
        if (writerHeld != null) {
            writerHeld.countDown();
        }
        store.stop();
    }

    /** The store under test: SQLite in the test's directory. */
    ReflexConfig.StoreSettings settings() {
        return ReflexConfig.defaults().store();
    }

    static Execution requested(String id) {
        return Execution.requested(id, "test.nothing", "noop", NONE, Map.of("user", "stanley"), null,
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    static Execution succeeded(Execution e) {
        Instant t = e.startTimestamp();
        return e.moveTo(ExecutionStatus.SCHEDULED, t.plusMillis(1)).moveTo(ExecutionStatus.RUNNING, t.plusMillis(2))
                .moveTo(ExecutionStatus.SUCCEEDED, t.plusMillis(3)).withResult(Map.of("succeeded", true));
    }

    /** Keeps the store's writer busy in a write of its own until {@link #writerHeld} is counted down. */
    CompletableFuture<Object> holdWriter() {
        writerHeld = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> held = store.writeAsync(c -> {
            running.countDown();
            try {
                writerHeld.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try {
            running.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return held;
    }

    /** Runs {@code l.record(next)} on a thread of its own and waits until it blocks on a commit. */
    Thread recordBlocked(LiveExecution l, Execution next, AtomicReference<Throwable> failure) {
        Thread t = Thread.ofPlatform().start(() -> {
            synchronized (l) {
                try {
                    l.record(next, repository);
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }
        });
        await().until(() -> t.getState() == Thread.State.WAITING || !t.isAlive());
        return t;
    }

    @Test
    void transitionsReachedBeforeTheWriterRunsTheInsertAreWrittenByItInOneStatement() throws Exception {
        CompletableFuture<Object> held = holdWriter();
        Execution e = requested("000000000000000000000011");
        LiveExecution l = new LiveExecution(e);
        CompletableFuture<Void> stored = l.insertQueued(repository);
        Execution done = succeeded(e);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread recording = recordBlocked(l, done, failure);
        assertThat(recording.isAlive()).as("record waits for the insert's commit").isTrue();
        long writesBefore = store.stats().writes();
        writerHeld.countDown();
        recording.join();
        held.join();
        assertThat(failure.get()).isNull();
        assertThat(stored).isCompleted();
        assertThat(store.stats().writes() - writesBefore).as("the held write and the insert, no update").isEqualTo(2);
        Execution row = repository.find(e.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(row.endTimestamp()).isEqualTo(done.endTimestamp());
        assertThat(row.result()).isEqualTo(Map.of("succeeded", true));
        assertThat(row.log()).isEqualTo(done.log());
    }

    @Test
    void transitionsAfterTheInsertRanAreUpdatesOfTheCommittedRow() {
        Execution e = requested("000000000000000000000012");
        LiveExecution l = new LiveExecution(e);
        l.insertQueued(repository).join();
        long writesBefore = store.stats().writes();
        Execution done = succeeded(e);
        synchronized (l) {
            l.record(done, repository);
        }
        assertThat(store.stats().writes() - writesBefore).isEqualTo(1);
        Execution row = repository.find(e.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(row.log()).extracting(StatusChange::status).containsExactly(ExecutionStatus.REQUESTED,
                ExecutionStatus.SCHEDULED, ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void whenTheInsertFailsTheTransitionsItCarriedFailWithItAndNothingOfThemIsRecorded() throws Exception {
        Execution first = requested("000000000000000000000013");
        repository.insert(first);   // the same id again: the queued insert fails on the primary key
        CompletableFuture<Object> held = holdWriter();
        CompletableFuture<Void> other = new LiveExecution(requested("000000000000000000000014")).insertQueued(repository);
        LiveExecution l = new LiveExecution(first);
        CompletableFuture<Void> stored = l.insertQueued(repository);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread recording = recordBlocked(l, succeeded(first), failure);
        writerHeld.countDown();
        recording.join();
        held.join();
        assertThat(failure.get()).as("record fails with the insert").isNotNull();
        assertThatThrownBy(stored::join).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(l.unrecorded()).isTrue();
        other.join();
        assertThat(repository.find(first.id()).orElseThrow().status()).as("the first row is untouched")
                .isEqualTo(ExecutionStatus.REQUESTED);
        assertThat(repository.find("000000000000000000000014").orElseThrow().status())
                .as("the other insert of the batch committed (run again after the failure, with the row it took)")
                .isEqualTo(ExecutionStatus.REQUESTED);
    }
}
