package dev.reflex.events;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Sources of event ids: random version-4 UUIDs, as Ruby's {@code SecureRandom.uuid} makes for Sensu. */
public final class EventIds {

    private EventIds() {
    }

    /** Random UUIDs drawn from {@code random} (a seeded generator makes them repeatable in tests). */
    public static Supplier<String> random(RandomGenerator random) {
        return () -> uuid(random);
    }

    /**
     * Random UUIDs from each thread's {@link ThreadLocalRandom}: the production default. An event id
     * names an event; the API shows it and handlers get it, and it grants nothing, so it must be
     * unique, not unguessable. A {@link java.security.SecureRandom} (Linux's {@code NativePRNG}: a
     * read of {@code /dev/urandom} under one lock per id) cost a tenth of the CPU of processing a
     * check result, because an id is drawn for every result that has no stored event.
     */
    public static Supplier<String> fast() {
        return () -> uuid(ThreadLocalRandom.current());
    }

    private static String uuid(RandomGenerator random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
