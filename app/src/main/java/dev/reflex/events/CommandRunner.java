package dev.reflex.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a shell command with data on its stdin and returns its combined stdout and stderr and exit
 * status, as Sensu's spawner does for pipe handlers and pipe mutators. Injected so that tests and
 * other executors can stand in for real processes.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs {@code command}; blocks until it ends or times out.
     *
     * @param stdin   the data written to its stdin (then closed), may be empty
     * @param timeout the longest it may run, or null for no limit
     */
    Outcome run(String command, byte[] stdin, Duration timeout);

    /**
     * How a command ended.
     *
     * @param status   its exit status (2 when it timed out, 3 when it could not run, as Sensu reports)
     * @param output   stdout and stderr, interleaved as written
     * @param timedOut whether it was stopped by the timeout
     */
    record Outcome(int status, byte[] output, boolean timedOut) {

        /** The output as text. */
        public String text() {
            return new String(output, StandardCharsets.UTF_8);
        }

        /** Sensu's outcome for a command stopped by its timeout. */
        public static Outcome timeout() {
            return new Outcome(2, "Execution timed out".getBytes(StandardCharsets.UTF_8), true);
        }

        /** Sensu's outcome for a command that could not run. */
        public static Outcome error(String message) {
            return new Outcome(3, ("Unexpected error: " + message).getBytes(StandardCharsets.UTF_8), false);
        }
    }
}
