package dev.reflex.runners.chat;

import java.time.Duration;

/**
 * Waits before a retry. Production code sleeps the thread; tests pass a sleeper that records the
 * waits and returns at once, so no test waits for real time to pass.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps the calling (virtual) thread; an interrupt ends the wait early. */
    Sleeper THREAD = duration -> Thread.sleep(duration);

    /**
     * Waits for {@code duration}.
     *
     * @throws InterruptedException when the wait is interrupted (the execution was cancelled)
     */
    void sleep(Duration duration) throws InterruptedException;
}
