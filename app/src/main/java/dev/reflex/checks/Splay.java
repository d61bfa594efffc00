package dev.reflex.checks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sensu's deterministic splay: when an interval check first runs, so that checks spread over the
 * interval and keep the same phase across restarts.
 *
 * <p>The key is the check name for requests the server publishes, and {@code client:check} for
 * standalone checks a client schedules. Its MD5 digest's first eight bytes, read as an unsigned
 * little-endian integer {@code h}, give the first delay {@code ((h - now_ms) mod (interval * 1000)) / 1000}
 * seconds; later runs follow every {@code interval} seconds.
 */
public final class Splay {

    private Splay() {
    }

    /** The key the server uses for a subscription check. */
    public static String serverKey(String checkName) {
        return checkName;
    }

    /** The key a client uses for one of its standalone checks. */
    public static String standaloneKey(String clientName, String checkName) {
        return clientName + ":" + checkName;
    }

    /**
     * The delay, in seconds with millisecond precision, before the first run.
     *
     * @param key             {@link #serverKey} or {@link #standaloneKey}
     * @param nowEpochMillis  the current time from the injected clock
     * @param intervalSeconds the check interval, greater than 0
     */
    public static double firstDelaySeconds(String key, long nowEpochMillis, long intervalSeconds) {
        if (intervalSeconds <= 0) {
            throw new IllegalArgumentException("interval must be greater than 0");
        }
        BigInteger h = hash(key);
        BigInteger period = BigInteger.valueOf(intervalSeconds).multiply(BigInteger.valueOf(1000));
        long millis = h.subtract(BigInteger.valueOf(nowEpochMillis)).mod(period).longValueExact();
        return millis / 1000.0;
    }

    /** The same delay in whole milliseconds, convenient for timers. */
    public static long firstDelayMillis(String key, long nowEpochMillis, long intervalSeconds) {
        BigInteger period = BigInteger.valueOf(intervalSeconds).multiply(BigInteger.valueOf(1000));
        return hash(key).subtract(BigInteger.valueOf(nowEpochMillis)).mod(period).longValueExact();
    }

    /** The first eight bytes of MD5(key) as an unsigned little-endian 64-bit integer. */
    static BigInteger hash(String key) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
        byte[] bigEndian = new byte[9];
        for (int i = 0; i < 8; i++) {
            bigEndian[8 - i] = digest[i];
        }
        return new BigInteger(bigEndian);
    }
}
