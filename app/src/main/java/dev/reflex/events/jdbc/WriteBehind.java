package dev.reflex.events.jdbc;

import dev.reflex.events.WriteScope;
import dev.reflex.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row changes of the Sensu state on their way to the store, and the {@link WriteScope} that tells
 * the engine when the changes made for one result are durable.
 *
 * <p>Changes are appended to the batch being gathered; one drainer thread coalesces each batch (last
 * change per row wins) into a {@link RowBatch} and hands it to the store as one write, which runs on
 * the store's writer thread as multi-row upserts and JDBC batches. At most two batches are in flight,
 * so a batch gathers while the previous one commits. The pending list is bounded: a producer waits while it is full,
 * nothing is dropped. Batches reach the store's single writer in order, so the rows end up as the
 * in-memory state left them.
 *
 * <p>A change may carry a hook to run once its batch is committed ({@link #putThen}): the hooks of
 * a batch run together on a virtual thread of their own, after the batch's results are acknowledged,
 * so that they add nothing to the store's completer thread (which completes the acknowledgements). Hooks
 * of successive batches may run in any order.
 */
public final class WriteBehind implements WriteScope, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);
    private static final int MAX_PENDING = 65_536;
    private static final int MAX_IN_FLIGHT = 2;

    private final Store store;
    private final Object lock = new Object();
    private final ThreadLocal<List<CompletableFuture<Void>>> scope = new ThreadLocal<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final Thread drainer;
    private List<RowBatch.Change> pending = new ArrayList<>();
    private List<Runnable> hooks = new ArrayList<>();
    private CompletableFuture<Void> current = new CompletableFuture<>();
    private volatile boolean closed;

    /** A write-behind into {@code store}, which must be started. */
    public WriteBehind(Store store) {
        this.store = store;
        this.drainer = Thread.ofPlatform().name("sensu-write-behind").daemon(true).start(this::drain);
    }

    /** Queues an upsert of one row and returns the future of its commit. */
    CompletableFuture<Void> put(SensuTable table, Object[] key, Object... values) {
        return add(new RowBatch.Change(table, key, values), null);
    }

    /**
     * Queues an upsert of one row with one value and {@code committed} to run once it is committed
     * (not if the write fails), and returns the future of its commit.
     */
    CompletableFuture<Void> putThen(SensuTable table, Object[] key, Object value, Runnable committed) {
        return add(new RowBatch.Change(table, key, new Object[] {value}), committed);
    }

    /** Queues the deletion of one row and returns the future of its commit. */
    CompletableFuture<Void> delete(SensuTable table, Object... key) {
        return add(new RowBatch.Change(table, key, null), null);
    }

    private CompletableFuture<Void> add(RowBatch.Change change, Runnable committed) {
        CompletableFuture<Void> f;
        synchronized (lock) {
            while (pending.size() >= MAX_PENDING && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(e);
                }
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the Sensu state writer is closed"));
            }
            pending.add(change);
            if (committed != null) {
                hooks.add(committed);
            }
            f = current;
            if (pending.size() == 1) {
                lock.notifyAll(); // the drainer waits only while nothing is pending
            }
        }
        List<CompletableFuture<Void>> s = scope.get();
        if (s != null && (s.isEmpty() || s.get(s.size() - 1) != f)) {
            s.add(f);
        }
        return f;
    }

    @Override
    public <T> Scoped<T> run(Supplier<T> work) {
        List<CompletableFuture<Void>> outer = scope.get();
        List<CompletableFuture<Void>> mine = new ArrayList<>(2);
        scope.set(mine);
        try {
            T value = work.get();
            CompletableFuture<Void> durable = switch (mine.size()) {
                case 0 -> CompletableFuture.completedFuture(null);
                case 1 -> mine.get(0);
                default -> CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new));
            };
            return new Scoped<>(value, durable);
        } finally {
            if (outer != null) {
                outer.addAll(mine);
            }
            scope.set(outer);
        }
    }

    private void drain() {
        while (true) {
            List<RowBatch.Change> batch;
            List<Runnable> batchHooks;
            CompletableFuture<Void> done;
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    inFlight.release();
                    return;
                }
                batch = pending;
                batchHooks = hooks;
                done = current;
                pending = new ArrayList<>();
                hooks = new ArrayList<>();
                current = new CompletableFuture<>();
                lock.notifyAll();
            }
            // Coalescing and grouping happen here, so the store's writer thread only binds and executes.
            RowBatch statements = RowBatch.of(batch);
            int changes = batch.size();
            CompletableFuture<Integer> written;
            try {
                written = store.writeAsync(statements::apply);
            } catch (RuntimeException e) {
                written = CompletableFuture.failedFuture(e); // the store is stopped: the batch fails, the drainer goes on
            }
            written.whenComplete((n, error) -> {
                inFlight.release();
                // Runs on the store's completer thread, which completes every write's future in order: a
                // further acknowledging thread was tried and cost a scheduling hop per batch, which on a
                // loaded machine doubled the median latency.
                if (error != null) {
                    LOG.error("writing {} Sensu state change(s) failed; their results are not acknowledged", changes,
                            error);
                    done.completeExceptionally(error);
                } else {
                    batches.incrementAndGet();
                    rows.addAndGet(n);
                    done.complete(null);
                    if (!batchHooks.isEmpty()) {
                        Thread.startVirtualThread(() -> batchHooks.forEach(Runnable::run));
                    }
                }
            });
        }
    }

    /** How many batches and rows were committed so far. */
    public long[] counters() {
        return new long[] {batches.get(), rows.get()};
    }

    /** Writes what is pending and stops; later changes fail. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            drainer.join(30_000);
            inFlight.acquire(MAX_IN_FLIGHT);
            inFlight.release(MAX_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
