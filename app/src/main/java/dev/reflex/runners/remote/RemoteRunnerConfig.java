package dev.reflex.runners.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the remote runners, from the Reflex configuration (never from action parameters).
 *
 * @param knownHosts               the known_hosts file host keys are checked against
 * @param insecureSkipHostKeyCheck accept any host key: for tests and development only, never for production
 * @param defaultUsername          the user to log in as when an action gives none
 * @param defaultPrivateKey        the key file used when an action gives neither password nor key
 * @param defaultPort              the port for hosts given without one and no {@code port} parameter
 * @param connectTimeout           how long connecting and authenticating to one host may take
 * @param idleExpiry               how long an unused pooled session stays open
 * @param maxParallel              the most hosts an execution talks to at once ({@code parallel: true})
 * @param apiUrl                   the public API URL given to commands as {@code ST2_ACTION_API_URL}, if known
 */
public record RemoteRunnerConfig(Path knownHosts, boolean insecureSkipHostKeyCheck, String defaultUsername,
                                 Optional<Path> defaultPrivateKey, int defaultPort, Duration connectTimeout,
                                 Duration idleExpiry, int maxParallel, Optional<String> apiUrl) {

    public RemoteRunnerConfig {
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(defaultUsername, "defaultUsername");
        Objects.requireNonNull(defaultPrivateKey, "defaultPrivateKey");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (maxParallel < 1) {
            throw new IllegalArgumentException("maxParallel must be at least 1");
        }
    }

    /**
     * Checked host keys from {@code knownHosts}, the current user, no default key, port 22, 30 s
     * to connect, sessions kept 5 minutes when idle, at most 50 hosts at once (StackStorm's
     * {@code max_parallel_actions}).
     */
    public static RemoteRunnerConfig defaults(Path knownHosts) {
        return new RemoteRunnerConfig(knownHosts, false, System.getProperty("user.name"), Optional.empty(), 22,
                Duration.ofSeconds(30), Duration.ofMinutes(5), 50, Optional.empty());
    }

    /** The same settings with this default key file. */
    public RemoteRunnerConfig withDefaultPrivateKey(Path key) {
        return new RemoteRunnerConfig(knownHosts, insecureSkipHostKeyCheck, defaultUsername, Optional.of(key),
                defaultPort, connectTimeout, idleExpiry, maxParallel, apiUrl);
    }

    /** The same settings with host key checking switched off (tests and development only). */
    public RemoteRunnerConfig withInsecureSkipHostKeyCheck(boolean skip) {
        return new RemoteRunnerConfig(knownHosts, skip, defaultUsername, defaultPrivateKey, defaultPort,
                connectTimeout, idleExpiry, maxParallel, apiUrl);
    }

    /** The same settings with another idle expiry for pooled sessions. */
    public RemoteRunnerConfig withIdleExpiry(Duration expiry) {
        return new RemoteRunnerConfig(knownHosts, insecureSkipHostKeyCheck, defaultUsername, defaultPrivateKey,
                defaultPort, connectTimeout, expiry, maxParallel, apiUrl);
    }

    /** The same settings with another connect timeout. */
    public RemoteRunnerConfig withConnectTimeout(Duration timeout) {
        return new RemoteRunnerConfig(knownHosts, insecureSkipHostKeyCheck, defaultUsername, defaultPrivateKey,
                defaultPort, timeout, idleExpiry, maxParallel, apiUrl);
    }
}
