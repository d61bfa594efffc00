package dev.reflex.events;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Tells when the state changes made by a piece of work are durable. The engine runs the processing
 * of each result inside {@link #run} and acknowledges the result only when {@link Scoped#durable()}
 * completes; a durable state repository ({@code dev.reflex.events.jdbc}) implements it, the
 * in-memory default ({@link #IMMEDIATE}) has nothing to wait for.
 */
public interface WriteScope {

    /** The scope of in-memory state: every change is "durable" as soon as it is made. */
    WriteScope IMMEDIATE = new WriteScope() {
        @Override
        public <T> Scoped<T> run(Supplier<T> work) {
            return new Scoped<>(work.get(), CompletableFuture.completedFuture(null));
        }
    };

    /**
     * The outcome of scoped work.
     *
     * @param value   what the work returned
     * @param durable completes when every state change the work made is committed (or fails if one
     *                could not be)
     */
    record Scoped<T>(T value, CompletableFuture<Void> durable) {
    }

    /** Runs {@code work} on the calling thread, collecting the state changes it makes. */
    <T> Scoped<T> run(Supplier<T> work);
}
