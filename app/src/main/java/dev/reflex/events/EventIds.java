package dev.reflex.events;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Sources of event ids: random version-4 UUIDs drawn from an injected generator. */
public final class EventIds {

    private EventIds() {
    }

    /** Random UUIDs (as Ruby's {@code SecureRandom.uuid}) drawn from {@code random}. */
    public static Supplier<String> random(RandomGenerator random) {
        return () -> {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        };
    }

    /** Random UUIDs from a {@link java.security.SecureRandom}: the production default. */
    public static Supplier<String> secure() {
        return random(new java.security.SecureRandom());
    }
}
