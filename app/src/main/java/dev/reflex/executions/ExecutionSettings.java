package dev.reflex.executions;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the execution engine.
 *
 * @param systemUser     the user executions run as when none is given (StackStorm's {@code stanley})
 * @param hostname       the Reflex host's name (for {@code core.sendmail}'s sender and footer)
 * @param defaultTimeout the timeout of actions whose runner has a {@code timeout} parameter that neither
 *                       the action nor the request sets; empty keeps the runner's own default
 * @param stopGrace      how long a stopping server waits for running executions to end after
 *                       cancelling them (they are then recorded as {@code abandoned})
 */
public record ExecutionSettings(String systemUser, String hostname, Optional<Duration> defaultTimeout,
                                Duration stopGrace) {

    public ExecutionSettings {
        Objects.requireNonNull(systemUser, "systemUser");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(stopGrace, "stopGrace");
    }

    /** {@code stanley}, this machine's host name, the runners' timeouts, five seconds' grace. */
    public static ExecutionSettings defaults() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return new ExecutionSettings("stanley", host, Optional.empty(), Duration.ofSeconds(5));
    }

    /** The same settings with a global default timeout. */
    public ExecutionSettings withDefaultTimeout(Duration timeout) {
        return new ExecutionSettings(systemUser, hostname, Optional.of(timeout), stopGrace);
    }
}
