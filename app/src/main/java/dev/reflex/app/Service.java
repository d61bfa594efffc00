package dev.reflex.app;

import java.util.concurrent.CompletableFuture;

/**
 * A long-running part of Reflex: the store, the bus, the HTTP API, a scheduler.
 *
 * <p>{@link App} starts services in the order it built them and stops them in reverse. A service
 * that fails on its own after a successful start completes {@link #failure()} with the cause, so
 * that the application can log it and shut down in order.
 */
public interface Service {

    /** A short, stable name used in logs and in the readiness report. */
    String name();

    /** Starts the service; returns once it is ready to be used by the services started after it. */
    void start() throws Exception;

    /** Stops the service, releasing every resource it holds. Called once, after a successful start. */
    void stop() throws Exception;

    /**
     * Completes with the cause when the service fails after it started. Services that cannot fail on
     * their own keep the default, a future that never completes.
     */
    default CompletableFuture<Throwable> failure() {
        return new CompletableFuture<>();
    }
}
