package dev.reflex.events;

import java.util.List;
import java.util.Optional;

/**
 * The silenced registry: silence entries by id. Expired entries are never returned (and may be
 * removed lazily). The store implements it for durability; {@link InMemorySilenceRegistry} keeps
 * entries in memory.
 */
public interface SilenceRegistry {

    /** Stores an entry, replacing one with the same id. */
    void put(SilenceEntry entry);

    /** The live entry with this id. */
    Optional<SilenceEntry> get(String id);

    /** The live entries among {@code ids}, in the order of {@code ids}. */
    List<SilenceEntry> getAll(List<String> ids);

    /** Deletes an entry; true if a live one existed. */
    boolean delete(String id);

    /** Every live entry, sorted by id. */
    List<SilenceEntry> list();

    /**
     * True when the registry certainly holds no entry, letting silencing skip building candidate
     * ids. Implementations that cannot tell cheaply keep the default, false.
     */
    default boolean isEmpty() {
        return false;
    }
}
