package dev.reflex.runners.local;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the local shell runners, from the Reflex configuration.
 *
 * @param inheritEnvironment whether commands see the Reflex process's environment (StackStorm's
 *                           behaviour); when false they get only PATH, HOME, LANG, LC_ALL, USER,
 *                           LOGNAME, SHELL and TMPDIR from it, so that secrets in Reflex's own
 *                           environment do not reach actions
 * @param apiUrl             the public API URL given to actions as {@code ST2_ACTION_API_URL}, if known
 */
public record LocalRunnerConfig(boolean inheritEnvironment, Optional<String> apiUrl) {

    public LocalRunnerConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
    }

    /** StackStorm's behaviour: the full environment, no API URL. */
    public static LocalRunnerConfig defaults() {
        return new LocalRunnerConfig(true, Optional.empty());
    }
}
