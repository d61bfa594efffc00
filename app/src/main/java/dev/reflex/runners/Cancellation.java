package dev.reflex.runners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The handle through which the execution engine cancels a running execution. The engine calls
 * {@link #cancel}; the runner has registered, with {@link #onCancel}, what stops its work (killing
 * the local process tree, signalling and closing the SSH channels, aborting the HTTP request). A
 * handle is cancelled at most once; actions registered after that run at once.
 */
public final class Cancellation {

    private final List<Runnable> actions = new ArrayList<>();
    private String reason;

    /** A new handle that is not cancelled. */
    public Cancellation() {
    }

    /**
     * Cancels: runs every registered action once, in registration order, on the calling thread.
     * Later calls do nothing.
     *
     * @param why a short reason kept for the result, such as {@code "canceled by admin"}
     */
    public void cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why == null || why.isBlank() ? "canceled" : why;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        RuntimeException first = null;
        for (Runnable action : toRun) {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Whether {@link #cancel} has been called. */
    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /** The reason given to {@link #cancel}, once cancelled. */
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * Registers what to do on cancellation. If the handle is already cancelled the action runs now.
     *
     * @return a registration to close once the work is over, so that a late cancel does nothing
     */
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (reason == null) {
                actions.add(action);
                return () -> {
                    synchronized (Cancellation.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }

    /** A registered cancellation action; closing it removes the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {

        /** Removes the action; never throws. */
        @Override
        void close();
    }
}
