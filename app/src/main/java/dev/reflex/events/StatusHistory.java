package dev.reflex.events;

import java.util.Arrays;
import java.util.List;

/**
 * A pair's recent statuses, oldest first (at most 21), and when it was last OK.
 *
 * <p>Sensu keeps the history as strings in Redis; event JSON shows them as strings
 * ({@link #asStrings()}) and the results API as integers.
 *
 * @param statuses the statuses, oldest first
 * @param lastOk   the execution time of the last OK result (epoch seconds), or null
 */
public record StatusHistory(int[] statuses, Long lastOk) {

    private static final String[] SMALL = new String[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = Integer.toString(i);
        }
    }

    public StatusHistory {
        statuses = statuses.clone();
    }

    /** An empty history. */
    public static StatusHistory empty() {
        return new StatusHistory(new int[0], null);
    }

    /** How many statuses there are. */
    public int size() {
        return statuses.length;
    }

    /** The status at position {@code i}, 0 being the oldest. */
    public int get(int i) {
        return statuses[i];
    }

    /** The status {@code fromEnd} places before the newest (0 is the newest), or null if absent. */
    public Integer fromEnd(int fromEnd) {
        int i = statuses.length - 1 - fromEnd;
        return i >= 0 && i < statuses.length ? statuses[i] : null;
    }

    /** The statuses as the strings event JSON carries. */
    public List<String> asStrings() {
        String[] out = new String[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            int s = statuses[i];
            out[i] = s >= 0 && s < SMALL.length ? SMALL[s] : Integer.toString(s);
        }
        return Arrays.asList(out);
    }

    /** The statuses as integers, as the results API shows them. */
    public List<Integer> asIntegers() {
        return Arrays.stream(statuses).boxed().toList();
    }

    @Override
    public int[] statuses() {
        return statuses.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusHistory h && Arrays.equals(statuses, h.statuses)
                && java.util.Objects.equals(lastOk, h.lastOk);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(statuses) * 31 + java.util.Objects.hashCode(lastOk);
    }

    @Override
    public String toString() {
        return Arrays.toString(statuses) + (lastOk == null ? "" : " last_ok=" + lastOk);
    }
}
