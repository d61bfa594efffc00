package dev.reflex.events;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs tasks in submission order per key and in parallel across keys: each task for a key starts
 * after the previous task for that key finished (whether it succeeded or not). Only keys with work
 * pending are remembered.
 *
 * <p>With a virtual-thread-per-task executor (the default), each task gets its own virtual thread.
 */
public final class KeyedExecutor implements AutoCloseable {

    private final Executor executor;
    private final ExecutorService owned;
    private final Map<Object, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    /** An executor on virtual threads, one per task. */
    public KeyedExecutor() {
        this.owned = Executors.newVirtualThreadPerTaskExecutor();
        this.executor = owned;
    }

    /** An executor on the given one (not closed by {@link #close()}). */
    public KeyedExecutor(Executor executor) {
        this.owned = null;
        this.executor = executor;
    }

    /** Runs {@code task} after every task submitted before for {@code key}. */
    public <T> CompletableFuture<T> submit(Object key, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> previous = tails.put(key, result);
        Runnable run = () -> {
            T value = null;
            Throwable failure = null;
            try {
                value = task.get();
            } catch (Throwable t) {
                failure = t;
            }
            // forget the key before completing, so that nothing is pending once the future completes
            tails.remove(key, result);
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        };
        if (previous == null) {
            executor.execute(run);
        } else {
            previous.whenComplete((r, e) -> executor.execute(run));
        }
        return result;
    }

    /** How many keys have work pending. */
    public int pendingKeys() {
        return tails.size();
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
