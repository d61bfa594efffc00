package dev.reflex.executions;

import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Definitions created through the API (actions in {@code action_def}, policies in {@code policy_def}),
 * kept as their JSON metadata by ref so that they survive a restart.
 */
public final class DefinitionRepository {

    private final Store store;
    private final String table;
    private final Clock clock;

    private DefinitionRepository(Store store, String table, Clock clock) {
        this.store = store;
        this.table = table;
        this.clock = clock;
    }

    /** The actions created through the API. */
    public static DefinitionRepository actions(Store store, Clock clock) {
        return new DefinitionRepository(store, "action_def", clock);
    }

    /** The policies created through the API. */
    public static DefinitionRepository policies(Store store, Clock clock) {
        return new DefinitionRepository(store, "policy_def", clock);
    }

    /** Creates or replaces a definition; durable on return. */
    public void put(String ref, String json) {
        long now = ExecutionCodec.micros(clock.instant());
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (ref, doc, updated_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (ref) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at")) {
                ps.setString(1, ref);
                ps.setString(2, json);
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes a definition; returns whether it existed. */
    public boolean delete(String ref) {
        return store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE ref = ?")) {
                ps.setString(1, ref);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every stored definition's JSON, by ref, in ref order. */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = store.readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ref, doc FROM " + table + " ORDER BY ref");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading " + table + " failed", e);
        }
    }
}
