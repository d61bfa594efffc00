package dev.reflex.executions;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Execution ids in the shape of StackStorm's (MongoDB object ids): 24 hex digits made of the second
 * (from the injected clock), five random bytes fixed per process and a counter, so ids sort by
 * creation time and never collide between nodes.
 */
public final class ExecutionIds {

    private final Clock clock;
    private final byte[] node = new byte[5];
    private final AtomicInteger counter;

    /** A generator reading seconds from {@code clock}. */
    public ExecutionIds(Clock clock) {
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        random.nextBytes(node);
        this.counter = new AtomicInteger(random.nextInt(1 << 24));
    }

    /** A new id. */
    public String next() {
        long seconds = clock.millis() / 1000;
        int n = counter.getAndIncrement() & 0xFFFFFF;
        byte[] b = new byte[12];
        b[0] = (byte) (seconds >>> 24);
        b[1] = (byte) (seconds >>> 16);
        b[2] = (byte) (seconds >>> 8);
        b[3] = (byte) seconds;
        System.arraycopy(node, 0, b, 4, 5);
        b[9] = (byte) (n >>> 16);
        b[10] = (byte) (n >>> 8);
        b[11] = (byte) n;
        return HexFormat.of().formatHex(b);
    }

    /** Whether text has the shape of an execution id. */
    public static boolean looksLikeId(String text) {
        return text != null && text.matches("[0-9a-f]{24}");
    }
}
