package dev.reflex.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The key-value datastore: named values that rules, actions and operators share, with secrets
 * encrypted at rest and optional expiry. Writes are durable when the method returns.
 */
public interface KeyValueStore {

    /** The entry, decrypted, unless it does not exist or has expired. */
    Optional<KeyValue> get(String name);

    /** Every live entry whose name starts with {@code prefix} (empty for all), ordered by name, decrypted. */
    List<KeyValue> list(String prefix);

    /**
     * Creates or replaces an entry.
     *
     * @param ttl how long it lives, or null for ever
     * @return the stored entry
     */
    KeyValue put(String name, String value, boolean secret, Duration ttl);

    /** Deletes an entry; returns whether one existed. */
    boolean delete(String name);

    /**
     * Deletes every entry that has expired. Expired entries are already invisible to {@link #get} and
     * {@link #list}; this reclaims their rows. The store also runs it periodically.
     *
     * @return how many entries were deleted
     */
    int purgeExpired();
}
