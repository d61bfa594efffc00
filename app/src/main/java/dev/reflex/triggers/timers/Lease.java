package dev.reflex.triggers.timers;

import dev.reflex.store.Store;
import dev.reflex.triggers.store.Sql;
import java.time.Clock;
import java.time.Duration;

/**
 * A singleton lease in the store ({@code singleton_lease}): one holder at a time until it expires;
 * the holder renews it. Taking it is one conditional upsert, so two nodes racing on PostgreSQL
 * cannot both hold it.
 */
public final class Lease {

    private final Store store;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private long heldUntil = Long.MIN_VALUE;
    private long renewedAt = Long.MIN_VALUE;

    /**
     * A lease.
     *
     * @param store  the store that keeps it
     * @param name   what it guards, such as {@code timers}
     * @param holder this node's unique name
     * @param ttl    how long it is held without renewal
     * @param clock  the clock expiry is judged by
     */
    public Lease(Store store, String name, String holder, Duration ttl, Clock clock) {
        this.store = store;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Whether this node holds the lease now: renews it when a third of its time has passed, or tries
     * to take it when it is not held.
     */
    public synchronized boolean hold() {
        long now = clock.millis();
        if (now < heldUntil && now - renewedAt < ttl.toMillis() / 3) {
            return true;
        }
        long until = now + ttl.toMillis();
        int n = store.write(c -> Sql.update(c, "INSERT INTO singleton_lease (name, holder, expires_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                + "WHERE singleton_lease.holder = excluded.holder OR singleton_lease.expires_at <= ?", name, holder, until, now));
        if (n == 1) {
            heldUntil = until;
            renewedAt = now;
            return true;
        }
        heldUntil = Long.MIN_VALUE;
        return false;
    }

    /** Gives the lease up, if held, so that another node can take it at once. */
    public synchronized void release() {
        heldUntil = Long.MIN_VALUE;
        store.write(c -> Sql.update(c, "DELETE FROM singleton_lease WHERE name = ? AND holder = ?", name, holder));
    }

    /** This node's name. */
    public String holder() {
        return holder;
    }
}
