package dev.reflex.events.jdbc;

import dev.reflex.checks.JsonValues;
import dev.reflex.events.InMemorySilenceRegistry;
import dev.reflex.events.SilenceEntry;
import dev.reflex.events.SilenceRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SilenceRegistry} kept in memory and written to the store through the {@link WriteBehind}.
 * Expired entries stop counting at once (judged on the clock) and their rows are left for the next
 * start, which skips them, or for a later write of the same id.
 */
public final class DurableSilenceRegistry implements SilenceRegistry {

    private final InMemorySilenceRegistry memory;
    private final WriteBehind writes;

    /**
     * @param memory the in-memory registry, already loaded from the store ({@link SensuTables#load})
     * @param writes where changes go
     */
    public DurableSilenceRegistry(InMemorySilenceRegistry memory, WriteBehind writes) {
        this.memory = memory;
        this.writes = writes;
    }

    /** The JSON a silence row holds. */
    static String body(SilenceEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("subscription", e.subscription());
        m.put("check", e.check());
        m.put("reason", e.reason());
        m.put("creator", e.creator());
        m.put("begin", e.begin());
        m.put("expire_on_resolve", e.expireOnResolve());
        m.put("timestamp", e.timestamp());
        m.put("expires_at", e.expiresAt());
        return RowJson.write(m);
    }

    /** Reads a silence row's JSON. */
    static SilenceEntry entry(String body) {
        Map<String, Object> m = JsonValues.asMap(JsonValues.read(body));
        return new SilenceEntry((String) m.get("id"), (String) m.get("subscription"), (String) m.get("check"),
                (String) m.get("reason"), (String) m.get("creator"), JsonValues.asLong(m.get("begin")),
                Boolean.TRUE.equals(m.get("expire_on_resolve")), JsonValues.asLong(m.get("timestamp")),
                JsonValues.asLong(m.get("expires_at")));
    }

    @Override
    public void put(SilenceEntry entry) {
        memory.put(entry);
        writes.put(SensuTable.SILENCES, new Object[] {entry.id()}, body(entry), entry.expiresAt());
    }

    @Override
    public Optional<SilenceEntry> get(String id) {
        return memory.get(id);
    }

    @Override
    public List<SilenceEntry> getAll(List<String> ids) {
        return memory.getAll(ids);
    }

    @Override
    public boolean delete(String id) {
        boolean had = memory.delete(id);
        writes.delete(SensuTable.SILENCES, id);
        return had;
    }

    @Override
    public List<SilenceEntry> list() {
        return memory.list();
    }

    @Override
    public boolean isEmpty() {
        return memory.isEmpty();
    }
}
