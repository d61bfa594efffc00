package dev.reflex.workflows.orquesta;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One scheduler thread for every workflow deadline (task delays, retry delays): a waiting workflow
 * is an entry in a map, not a thread. Deadlines are read from the injected clock; the scheduler
 * looks again at least every {@link #MAX_WAIT_MILLIS}, so a clock moved by a test (or adjusted)
 * is noticed promptly. When a deadline passes, the workflow's id is handed to the callback on a
 * virtual thread.
 */
final class DeadlineTimer {

    /** The longest the scheduler sleeps before it reads the clock again. */
    static final long MAX_WAIT_MILLIS = 200;

    private final Clock clock;
    private final Consumer<String> due;
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("orquesta-deadlines").factory());
    private ScheduledFuture<?> next;
    private long nextAt = Long.MAX_VALUE;

    DeadlineTimer(Clock clock, Consumer<String> due) {
        this.clock = clock;
        this.due = due;
    }

    /** Calls back for {@code workflowId} once the clock reaches {@code atMillis} (the earliest one set wins). */
    void at(String workflowId, long atMillis) {
        deadlines.merge(workflowId, atMillis, Math::min);
        arm(atMillis);
    }

    /** Forgets the deadline of a workflow. */
    void cancel(String workflowId) {
        deadlines.remove(workflowId);
    }

    /** How many workflows wait for a deadline. */
    int waiting() {
        return deadlines.size();
    }

    private synchronized void arm(long atMillis) {
        if (scheduler.isShutdown()) {
            return;
        }
        long now = clock.millis();
        long wait = Math.max(0, Math.min(atMillis - now, MAX_WAIT_MILLIS));
        if (next != null && !next.isDone() && nextAt <= now + wait) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        nextAt = now + wait;
        next = scheduler.schedule(this::tick, wait, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = clock.millis();
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<String, Long> e : deadlines.entrySet()) {
            if (e.getValue() <= now) {
                if (deadlines.remove(e.getKey(), e.getValue())) {
                    String id = e.getKey();
                    Thread.ofVirtual().name("orquesta-due").start(() -> due.accept(id));
                }
            } else {
                earliest = Math.min(earliest, e.getValue());
            }
        }
        synchronized (this) {
            next = null;
            nextAt = Long.MAX_VALUE;
        }
        if (earliest != Long.MAX_VALUE) {
            arm(earliest);
        }
    }

    /** Stops the scheduler; deadlines are kept in the workflows' saved states. */
    void shutdown() {
        scheduler.shutdownNow();
    }
}
