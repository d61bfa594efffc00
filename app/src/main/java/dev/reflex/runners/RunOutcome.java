package dev.reflex.runners;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one execution ended, with the {@code result} map in StackStorm's shape for its runner (for a
 * shell runner {@code {failed, succeeded, return_code, stdout, stderr}}, for a remote runner the same
 * keyed by host). Each variant maps to one of StackStorm's completed execution statuses; see
 * {@link #status()}. Result maps keep their insertion order, may hold JSON {@code null}s and are
 * read-only.
 */
public sealed interface RunOutcome {

    /** The result map, in StackStorm's shape for the runner. */
    Map<String, Object> result();

    /** StackStorm's status name for this outcome: succeeded, failed, timeout or canceled. */
    default String status() {
        return switch (this) {
            case Succeeded s -> "succeeded";
            case Failed f -> "failed";
            case TimedOut t -> "timeout";
            case Canceled c -> "canceled";
        };
    }

    /** The action did what it was asked (exit code 0, HTTP 200–206, mail accepted…). */
    record Succeeded(Map<String, Object> result) implements RunOutcome {
        public Succeeded {
            result = frozen(result);
        }
    }

    /** The action ran and failed, or could not be run; the result says why. */
    record Failed(Map<String, Object> result) implements RunOutcome {
        public Failed {
            result = frozen(result);
        }
    }

    /** The action did not finish within its {@code timeout} and was stopped. */
    record TimedOut(Map<String, Object> result) implements RunOutcome {
        public TimedOut {
            result = frozen(result);
        }
    }

    /** The execution was cancelled through its {@link Cancellation} and its work was stopped. */
    record Canceled(Map<String, Object> result) implements RunOutcome {
        public Canceled {
            result = frozen(result);
        }
    }

    /** A failure that never reached the action: {@code {"failed": true, "succeeded": false, "error": …}}. */
    static Failed failure(String error) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", true);
        result.put("succeeded", false);
        result.put("error", error);
        return new Failed(result);
    }

    private static Map<String, Object> frozen(Map<String, Object> result) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }
}
