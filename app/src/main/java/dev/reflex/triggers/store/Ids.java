package dev.reflex.triggers.store;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for trigger instances, rules and enforcements: time-ordered UUIDs (version 7 layout), so that
 * ids made later sort later and index well. They are identifiers, not secrets.
 */
public final class Ids {

    private Ids() {
    }

    /** A new id at the clock's current millisecond. */
    public static String next(Clock clock) {
        long millis = clock.millis();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
