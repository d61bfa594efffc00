package dev.reflex.api;

/**
 * A group of related endpoints, such as the key-value API. Each feature package contributes one;
 * {@code App} hands them all to the {@link ApiServer}.
 */
@FunctionalInterface
public interface ApiModule {

    /** Declares this module's endpoints. */
    void routes(Routes routes);
}
