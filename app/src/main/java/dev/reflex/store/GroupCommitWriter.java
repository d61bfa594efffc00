package dev.reflex.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's only writer: one thread with one connection that drains a bounded queue of writes and
 * commits them in batches (group commit).
 *
 * <p>Each batch is one transaction. Its writes first run one after the other with nothing between
 * them. If one throws, the transaction is rolled back and the batch runs again, each write inside its
 * own savepoint, so that the write that fails is rolled back alone and its future fails while the
 * others commit (a write alone in its batch is not run again: the rollback undid it alone). A write
 * may therefore run twice ({@link Store.Write}). Futures complete only
 * after the commit returned, so a completed write is as durable as the database makes a commit.
 * Producers block while the queue is full: writes are never dropped. The connection keeps the
 * statements that writes prepare open between writes ({@link StatementCache}).
 *
 * <p>The futures of a batch are completed by a second thread, the completer (a virtual thread), in
 * the order the writes were queued, batch after batch: what callers chain on a write (answering an
 * HTTP request, dispatching an execution) runs there and never delays the next batch. The writer
 * hands each batch over with one wake-up. A completion must not wait for another write
 * ({@link #onCompleter()}): the completer would wait for itself. The futures a write returns, and
 * those chained on them, refuse such a wait with an exception ({@link WriteFuture}).
 */
final class GroupCommitWriter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Job<?> STOP = new Job<>(null, null);

    /** Opens the writer's connection, again after the previous one broke. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private record Job<T>(Store.Write<T> work, CompletableFuture<T> result) {
    }

    /**
     * The future of one write, and of whatever is chained on it. Completions run on the completer,
     * and only the completer completes a write's future, so a completion that waits for a future of
     * this kind not yet complete (its {@code join} or {@code get}) would, if it waits for a write,
     * wait for itself and stop every later completion; if it waits for something else, it holds back
     * every later completion meanwhile. Such a wait is refused with an {@link IllegalStateException}
     * instead, which fails the completion that tried it.
     */
    static final class WriteFuture<T> extends CompletableFuture<T> {

        private final GroupCommitWriter writer;

        WriteFuture(GroupCommitWriter writer) {
            this.writer = writer;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new WriteFuture<>(writer);
        }

        @Override
        public T join() {
            refuseWaitOnCompleter();
            return super.join();
        }

        @Override
        public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
            refuseWaitOnCompleter();
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, java.util.concurrent.ExecutionException,
                java.util.concurrent.TimeoutException {
            refuseWaitOnCompleter();
            return super.get(timeout, unit);
        }

        private void refuseWaitOnCompleter() {
            if (!isDone() && writer.onCompleter()) {
                throw new IllegalStateException("a write's completion must not wait for a write or for what is "
                        + "chained on one: it would wait for itself (chain on the future instead of waiting for it)");
            }
        }
    }

    /** A batch whose transaction ended: each job's result, or its error (null when it has a result). */
    private record Done(List<Job<?>> jobs, Object[] results, Throwable[] errors) {
    }

    private static final Done LAST = new Done(List.of(), new Object[0], new Throwable[0]);

    private final ConnectionSource source;
    private final int maxBatch;
    private final long commitWindowNanos;
    private final BlockingQueue<Job<?>> queue;
    private final AtomicInteger submitters = new AtomicInteger();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final Thread thread;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final Thread completer;
    private volatile boolean closing;
    private Connection connection;
    private Savepoints savepoints;

    /**
     * The savepoint statements of the writer's connection, prepared once. The JDBC savepoint API
     * would do the same, but the SQLite driver formats the savepoint's name with
     * {@code String.format} twice per write, which was a quarter of the writer thread's samples.
     * One name serves every write: each savepoint is released before the next is set.
     */
    private static final class Savepoints implements AutoCloseable {
        final PreparedStatement set;
        final PreparedStatement release;
        final PreparedStatement rollback;

        Savepoints(Connection c) throws SQLException {
            set = c.prepareStatement("SAVEPOINT reflex_write");
            release = c.prepareStatement("RELEASE SAVEPOINT reflex_write");
            rollback = c.prepareStatement("ROLLBACK TO SAVEPOINT reflex_write");
        }

        @Override
        public void close() throws SQLException {
            try (set; release; rollback) {
                // closed in turn
            }
        }
    }

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong retriedBatches = new AtomicLong();
    private final AtomicLong batchedWrites = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    GroupCommitWriter(ConnectionSource source, int maxBatch, Duration commitWindow, int queueCapacity) {
        this.source = source;
        this.maxBatch = maxBatch;
        this.commitWindowNanos = commitWindow.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("reflex-store-writer").daemon(true).unstarted(this::run);
        this.completer = Thread.ofVirtual().name("reflex-store-completer").unstarted(this::completeBatches);
    }

    /** Opens the connection now, so that an unreachable database fails the start, then starts the threads. */
    void start() throws SQLException {
        connection = open();
        completer.start();
        thread.start();
    }

    /** Whether the calling thread is the one that completes the writes' futures. */
    boolean onCompleter() {
        return Thread.currentThread() == completer;
    }

    /** Completes with the cause if the writer thread dies. */
    CompletableFuture<Throwable> failure() {
        return failure;
    }

    /**
     * Queues a write, blocking while the queue is full, and returns the future of its commit. The
     * future fails at once if the writer is stopping or the caller was interrupted while waiting.
     */
    <T> CompletableFuture<T> submit(Store.Write<T> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a Store.Write must not write through the store: it would wait for itself");
        }
        WriteFuture<T> result = new WriteFuture<>(this);
        submitters.incrementAndGet();
        try {
            if (closing) {
                result.completeExceptionally(new StoreException(failure.isDone()
                        ? "the store writer failed; the write was not run" : "the store is stopped; the write was not run"));
            } else {
                queue.put(new Job<>(work, result));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(new StoreException("interrupted while waiting for room in the write queue; "
                    + "the write was not run", e));
        } finally {
            submitters.decrementAndGet();
        }
        return result;
    }

    /** The counters so far. */
    StoreStats stats() {
        return new StoreStats(commits.get(), writes.get(), failedWrites.get(), failedBatches.get(),
                retriedBatches.get(), batchedWrites.get(), largestBatch.get(), queue.size());
    }

    /** Refuses new writes, commits every write already queued, and closes the connection. */
    void stop() throws InterruptedException {
        closing = true;
        while (thread.isAlive() && !queue.offer(STOP, 50, TimeUnit.MILLISECONDS)) {
            // The queue is full: the writer is draining it.
        }
        thread.join();
        completer.join();
    }

    /** The completer's loop: completes the futures of each ended batch in turn, until the writer's last. */
    private void completeBatches() {
        while (true) {
            Done d;
            try {
                d = done.take();
            } catch (InterruptedException e) {
                // not interrupted by Reflex; the writer's last batch still ends the loop
                continue;
            }
            if (d == LAST) {
                return;
            }
            for (int i = 0; i < d.jobs().size(); i++) {
                Job<?> job = d.jobs().get(i);
                try {
                    if (d.errors()[i] == null) {
                        complete(job, d.results()[i]);
                    } else {
                        job.result().completeExceptionally(d.errors()[i]);
                    }
                } catch (RuntimeException | Error e) {
                    // CompletableFuture runs dependents inline and does not let their failures escape;
                    // this guards the loop against anything else
                    log.error("completing a write's future failed", e);
                }
            }
        }
    }

    private void run() {
        List<Job<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        try {
            while (true) {
                Job<?> first = stopping ? queue.poll(10, TimeUnit.MILLISECONDS) : queue.take();
                if (first == null) {
                    if (submitters.get() == 0 && queue.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (first == STOP) {
                    stopping = true;
                    continue;
                }
                batch.add(first);
                stopping |= gather(batch, stopping);
                runBatch(batch);
                // handed to the completer with the batch
                batch = new ArrayList<>(maxBatch);
            }
        } catch (Throwable t) {
            closing = true;
            log.error("the store writer died; pending writes fail", t);
            failure.complete(t);
            fail(batch, new StoreException("the store writer died; the write was not committed", t));
        } finally {
            closeConnection();
            failLeftovers();
            done.add(LAST);
        }
    }

    /** Fails whatever is still queued, including writes of producers that passed the closing check late. */
    private void failLeftovers() {
        List<Job<?>> left = new ArrayList<>();
        do {
            queue.drainTo(left);
            fail(left, new StoreException("the store is stopped; the write was not run"));
            left.clear();
            Thread.onSpinWait();
        } while (submitters.get() > 0 || !queue.isEmpty());
    }

    /** Adds queued writes to the batch, waiting up to the commit window for more; returns whether STOP was seen. */
    private boolean gather(List<Job<?>> batch, boolean stopping) throws InterruptedException {
        boolean stopSeen = drain(batch);
        if (commitWindowNanos <= 0 || stopping || stopSeen) {
            return stopSeen;
        }
        long deadline = System.nanoTime() + commitWindowNanos;
        while (batch.size() < maxBatch) {
            long remaining = deadline - System.nanoTime();
            Job<?> next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return false;
            }
            if (next == STOP) {
                return true;
            }
            batch.add(next);
            if (drain(batch)) {
                return true;
            }
        }
        return false;
    }

    private boolean drain(List<Job<?>> batch) {
        int before = batch.size();
        queue.drainTo(batch, maxBatch - before);
        boolean stopSeen = batch.subList(before, batch.size()).remove(STOP);
        if (stopSeen && batch.size() < maxBatch) {
            queue.drainTo(batch, maxBatch - batch.size());
        }
        return stopSeen;
    }

    private void runBatch(List<Job<?>> batch) {
        int size = batch.size();
        Object[] results = new Object[size];
        Throwable[] errors = new Throwable[size];
        if (connection == null) {
            try {
                connection = open();
            } catch (SQLException e) {
                failedBatches.incrementAndGet();
                log.error("the writer cannot connect to the database (SQLState {})", e.getSQLState(), e);
                fail(batch, new StoreException("the writer cannot connect to the database; the write was not run", e));
                return;
            }
        }
        Connection c = connection;
        try {
            Throwable firstError = runTogether(c, batch, results);
            if (firstError != null && size == 1) {
                // alone in its batch, the rolled-back transaction undid the write alone
                errors[0] = firstError;
            } else if (firstError != null) {
                // The batch's transaction was rolled back: run its writes again, each in its own
                // savepoint, so that the one that fails is rolled back alone.
                retriedBatches.incrementAndGet();
                runApart(c, batch, results, errors);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            failedBatches.incrementAndGet();
            log.error("a batch of {} writes failed to commit (SQLState {}); none of them is reported as applied",
                    size, e instanceof SQLException s ? s.getSQLState() : "n/a", e);
            recoverConnection();
            fail(batch, new StoreException("the transaction holding this write failed to commit; "
                    + "it may not have been applied", e));
            return;
        }
        commits.incrementAndGet();
        batchedWrites.addAndGet(size);
        largestBatch.accumulateAndGet(size, Math::max);
        int failed = 0;
        for (int i = 0; i < size; i++) {
            if (errors[i] != null) {
                errors[i] = writeFailure(errors[i]);
                failed++;
            }
        }
        writes.addAndGet(size - failed);
        failedWrites.addAndGet(failed);
        done.add(new Done(batch, results, errors));
    }

    /**
     * Runs the batch's writes one after the other in the open transaction, with no savepoint: setting
     * and releasing one per write made SQLite copy every page a write touched into its statement
     * journal, about a sixth of the writer's CPU on the webhook path. As soon as a write throws, the
     * transaction is rolled back and the error returned (null when every write ran).
     */
    private static Throwable runTogether(Connection c, List<Job<?>> batch, Object[] results) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            try {
                results[i] = batch.get(i).work().apply(c);
            } catch (SQLException | RuntimeException | LinkageError | AssertionError e) {
                c.rollback();
                java.util.Arrays.fill(results, null);
                return e;
            }
        }
        return null;
    }

    /** Runs each write in its own savepoint, so that a write that fails is rolled back alone. */
    private void runApart(Connection c, List<Job<?>> batch, Object[] results, Throwable[] errors) throws SQLException {
        if (savepoints == null) {
            savepoints = new Savepoints(c);
        }
        for (int i = 0; i < batch.size(); i++) {
            savepoints.set.execute();
            try {
                results[i] = batch.get(i).work().apply(c);
                savepoints.release.execute();
            } catch (SQLException | RuntimeException | LinkageError | AssertionError e) {
                savepoints.rollback.execute();
                savepoints.release.execute();
                errors[i] = e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object value) {
        job.result().complete((T) value);
    }

    /** What the caller of a failed write sees: its own unchecked exception, or SQL errors as StoreException. */
    private static Throwable writeFailure(Throwable error) {
        if (error instanceof SQLException e) {
            log.debug("a write failed and was rolled back alone (SQLState {})", e.getSQLState());
            return new StoreException("the write failed (SQLState " + e.getSQLState()
                    + ") and was rolled back; the other writes of its batch committed", e);
        }
        return error;
    }

    /** Fails jobs, through the completer so that they complete after the batches before them. */
    private void fail(List<Job<?>> jobs, StoreException cause) {
        List<Job<?>> failing = new ArrayList<>(jobs.size());
        for (Job<?> job : jobs) {
            if (job != STOP) {
                failing.add(job);
            }
        }
        if (failing.isEmpty()) {
            return;
        }
        Throwable[] errors = new Throwable[failing.size()];
        java.util.Arrays.fill(errors, cause);
        done.add(new Done(failing, new Object[failing.size()], errors));
    }

    private Connection open() throws SQLException {
        Connection c = StatementCache.wrap(source.open(), StatementCache.DEFAULT_CAPACITY);
        c.setAutoCommit(false);
        return c;
    }

    /** After a failed batch: rolls back what is left and drops the connection if it is broken. */
    private void recoverConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rollback after a failed batch also failed", e);
        }
        boolean valid;
        try {
            valid = connection.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            log.warn("the writer's connection is broken; the next batch opens a new one");
            closeConnection();
        }
    }

    private void closeConnection() {
        if (savepoints != null) {
            try {
                savepoints.close();
            } catch (SQLException e) {
                log.debug("closing the savepoint statements failed", e);
            }
            savepoints = null;
        }
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the writer's connection failed", e);
            }
            connection = null;
        }
    }
}
