package dev.reflex.executions;

import dev.reflex.runners.OutputSink;
import dev.reflex.runners.OutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live output of one execution: the lines its runner reported, kept in order (up to a bound),
 * and readable while the execution runs. Readers block in {@link #await} until more lines arrive or
 * the output is closed, so {@code GET /executions/{id}/output} streams without polling the store.
 */
public final class OutputBuffer implements OutputSink {

    /** One line of output. */
    public record Line(OutputType type, String text) {
    }

    private static final int MAX_LINES = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Line> lines = new ArrayList<>();
    private boolean closed;
    private boolean truncated;

    @Override
    public void line(OutputType type, String line) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (lines.size() >= MAX_LINES) {
                truncated = true;
                return;
            }
            lines.add(new Line(type, line));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the output complete; readers waiting are woken. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The lines from index {@code from} on, waiting up to {@code maxWaitMillis} for one when there is
     * none yet and the output is open.
     */
    public List<Line> await(int from, long maxWaitMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
            while (lines.size() <= from && !closed && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return lines.size() <= from ? List.of() : List.copyOf(lines.subList(from, lines.size()));
        } finally {
            lock.unlock();
        }
    }

    /** Whether the execution's output is complete. */
    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether lines past the bound were dropped. */
    public boolean truncated() {
        lock.lock();
        try {
            return truncated;
        } finally {
            lock.unlock();
        }
    }
}
