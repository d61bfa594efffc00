package dev.reflex.events;

/**
 * Everything {@link InMemoryEventState} keeps for one client/check pair; guarded by its own monitor.
 * The latest check result is kept as its compact JSON text rather than as a tree of maps (one string
 * is far cheaper for the collector to copy than the dozens of objects of a map); readers parse it
 * back, each getting its own copy. A state that keeps text only until commit
 * ({@link InMemoryEventState#untilCommitted()}) drops it, and the {@link Event} likewise, once the
 * row is committed; {@code hasResult} and {@code eventFacts} then say that they are in the table.
 */
final class PairState {
    String result;
    boolean hasResult;
    boolean hasExecuted;
    long executed;
    boolean hasTtlSeconds;
    long ttlSeconds;
    boolean forceResolve;
    final int[] ring = new int[EventState.HISTORY_LENGTH];
    int start;
    int size;
    boolean hasLastOk;
    long lastOk;
    Event event;
    EventFacts eventFacts;

    int[] history() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(start + i) % EventState.HISTORY_LENGTH];
        }
        return out;
    }

    StatusHistory statusHistory() {
        return new StatusHistory(history(), hasLastOk ? lastOk : null);
    }

    void push(int status) {
        if (size < EventState.HISTORY_LENGTH) {
            ring[(start + size) % EventState.HISTORY_LENGTH] = status;
            size++;
        } else {
            ring[start] = status;
            start = (start + 1) % EventState.HISTORY_LENGTH;
        }
    }

    ResultFacts resultFacts() {
        return new ResultFacts(hasExecuted ? executed : null, hasTtlSeconds ? ttlSeconds : null, forceResolve,
                ring[(start + size - 1) % EventState.HISTORY_LENGTH]);
    }

    void clearResult() {
        result = null;
        hasResult = false;
        size = 0;
        start = 0;
        hasLastOk = false;
    }
}
