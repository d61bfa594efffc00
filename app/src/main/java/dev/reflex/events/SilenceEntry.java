package dev.reflex.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A silence entry: events of a subscription (including {@code client:NAME}) and/or a check are
 * marked silenced, and handlers without {@code handle_silenced} skip them.
 *
 * @param id              {@code subscription:check}, with {@code *} for the part not given
 * @param subscription    the subscription, or null for every subscription
 * @param check           the check name, or null for every check
 * @param reason          why, or null
 * @param creator         who, or null
 * @param begin           when it starts applying (epoch seconds), or null for now
 * @param expireOnResolve whether a resolve event deletes it (and is not silenced by it)
 * @param timestamp       when it was created (epoch seconds)
 * @param expiresAt       when it disappears (epoch seconds), or null for never
 */
public record SilenceEntry(
        String id,
        String subscription,
        String check,
        String reason,
        String creator,
        Long begin,
        boolean expireOnResolve,
        long timestamp,
        Long expiresAt) {

    /**
     * Creates an entry as Sensu's {@code POST /silenced} does: the id joins subscription and check
     * ({@code *} for a missing part), and {@code expire} seconds run from now, extended by the wait
     * until a future {@code begin}.
     *
     * @throws IllegalArgumentException when neither subscription nor check is given
     */
    public static SilenceEntry create(String subscription, String check, Long begin, Long expire, String reason,
            String creator, boolean expireOnResolve, long now) {
        if (subscription == null && check == null) {
            throw new IllegalArgumentException("a silence entry needs a subscription, a check, or both");
        }
        String id = (subscription == null ? "*" : subscription) + ":" + (check == null ? "*" : check);
        Long expiresAt = null;
        if (expire != null) {
            long ttl = expire;
            if (begin != null && begin - now > 0) {
                ttl += begin - now;
            }
            expiresAt = now + ttl;
        }
        return new SilenceEntry(id, subscription, check, reason, creator, begin, expireOnResolve, now, expiresAt);
    }

    /** True once the entry has expired at {@code now}. */
    public boolean expired(long now) {
        return expiresAt != null && now >= expiresAt;
    }

    /** True when the entry silences events at {@code now}: no begin, or begin reached. */
    public boolean begun(long now) {
        return begin == null || begin <= now;
    }

    /** The seconds left before expiry, or -1 when it never expires (Redis TTL semantics). */
    public long remainingSeconds(long now) {
        return expiresAt == null ? -1 : Math.max(0, expiresAt - now);
    }

    /** The entry as Sensu's {@code GET /silenced} shows it at {@code now}. */
    public Map<String, Object> toSensuMap(long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("subscription", subscription);
        m.put("check", check);
        m.put("reason", reason);
        m.put("creator", creator);
        m.put("begin", begin);
        m.put("expire_on_resolve", expireOnResolve);
        m.put("timestamp", timestamp);
        m.put("expire", remainingSeconds(now));
        return m;
    }
}
