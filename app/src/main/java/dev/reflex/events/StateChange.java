package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.Map;

/**
 * Flap detection, the Nagios way, as Sensu Core 1.x computes it.
 *
 * <p><b>total_state_change.</b> With fewer than 21 statuses it is 0. Otherwise, walking the history
 * oldest to newest with a weight starting at 0.80 and growing by 0.02 per entry, each status that
 * differs from the one before it adds the current weight; the first entry is compared with itself,
 * so changes at positions 1..20 weigh 0.82..1.20 and the maximum is 101. The sum is divided by 20,
 * multiplied by 100 and truncated. The arithmetic is repeated IEEE-754 double additions exactly as
 * Ruby performs them (exact decimal arithmetic differs for 2 of the 2^20 change patterns).
 *
 * <p><b>Flapping.</b> Only when the check has both {@code low_flap_threshold} and
 * {@code high_flap_threshold} and both are integers: an event that was flapping stays flapping
 * while the value is above the low threshold; one that was not starts flapping when the value
 * reaches the high threshold.
 */
public final class StateChange {

    private StateChange() {
    }

    /** The total state change percentage of a history, 0..101. */
    public static int totalStateChange(StatusHistory history) {
        int n = history.size();
        if (n < EventState.HISTORY_LENGTH) {
            return 0;
        }
        double changes = 0;
        double weight = 0.8;
        int previous = history.get(n - EventState.HISTORY_LENGTH);
        for (int i = n - EventState.HISTORY_LENGTH; i < n; i++) {
            int status = history.get(i);
            if (status != previous) {
                changes += weight;
            }
            weight += 0.02;
            previous = status;
        }
        return (int) (changes / 20 * 100);
    }

    /** The same computation on a plain array of statuses (handy for tests and tools). */
    public static int totalStateChange(int... statuses) {
        return totalStateChange(new StatusHistory(statuses, null));
    }

    /** The outcome of flap detection for one result. */
    public enum Flapping {
        /** The check has no flap thresholds: no detection. */
        NOT_CONFIGURED,
        /** The thresholds are present but not both integers: Sensu logs it and treats the result as not flapping. */
        INVALID_THRESHOLDS,
        /** Not flapping. */
        STEADY,
        /** Flapping. */
        FLAPPING;

        /** True only for {@link #FLAPPING}. */
        public boolean flapping() {
            return this == FLAPPING;
        }
    }

    /**
     * Decides flapping for a result.
     *
     * @param check             the merged check attributes (thresholds are read from here)
     * @param totalStateChange  the value from {@link #totalStateChange}
     * @param wasFlapping       whether the stored event's action is {@code flapping}
     */
    public static Flapping flapping(Map<String, Object> check, int totalStateChange, boolean wasFlapping) {
        if (!check.containsKey("low_flap_threshold") || !check.containsKey("high_flap_threshold")) {
            return Flapping.NOT_CONFIGURED;
        }
        Long low = JsonValues.asLong(check.get("low_flap_threshold"));
        Long high = JsonValues.asLong(check.get("high_flap_threshold"));
        if (low == null || high == null) {
            return Flapping.INVALID_THRESHOLDS;
        }
        boolean flapping = wasFlapping ? totalStateChange > low : totalStateChange >= high;
        return flapping ? Flapping.FLAPPING : Flapping.STEADY;
    }
}
