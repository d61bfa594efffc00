package dev.reflex.sensu;

import dev.reflex.store.Store;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/**
 * A lease row in {@code sensu_leases}: at most one holder at a time, taken over only once it expired.
 * The holder renews it on every attempt, so a node that stops renewing loses it after
 * {@code duration}, and another node takes over.
 */
public final class Lease {

    private static final String UPSERT = "INSERT INTO sensu_leases (name, holder, expires_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
            + "WHERE sensu_leases.holder = excluded.holder OR sensu_leases.expires_at <= ?";

    private final Store store;
    private final String name;
    private final String holder;
    private final Duration duration;
    private final Clock clock;

    /**
     * @param name     the lease, such as {@code sensu-scheduler}
     * @param holder   this node's identity
     * @param duration how long a grant lasts without renewal
     */
    public Lease(Store store, String name, String holder, Duration duration, Clock clock) {
        this.store = store;
        this.name = name;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    /** Takes or renews the lease; true when this node holds it now. */
    public boolean acquire() {
        long now = clock.millis();
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setLong(3, now + duration.toMillis());
                ps.setLong(4, now);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Gives the lease up (if held), so another node can take it at once. */
    public void release() {
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sensu_leases WHERE name = ? AND holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }
}
