package dev.reflex.triggers.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Trigger types registered through the API ({@code trigger_type}) and the triggers rules use
 * ({@code trigger_def}). Built-in and pack trigger types are not stored: they are registered again
 * at every start.
 */
public final class TriggerTypeRepository {

    private final Store store;
    private final Clock clock;

    /** A repository over a started store. */
    public TriggerTypeRepository(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Stores (or replaces) a trigger type; durable on return. */
    public void put(TriggerType type) {
        long now = clock.millis();
        store.write(c -> Sql.update(c, "INSERT INTO trigger_type (ref, pack, name, description, payload_schema, "
                        + "parameters_schema, tags, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO UPDATE SET "
                        + "pack = excluded.pack, name = excluded.name, description = excluded.description, "
                        + "payload_schema = excluded.payload_schema, parameters_schema = excluded.parameters_schema, "
                        + "tags = excluded.tags, updated_at = excluded.updated_at",
                type.ref(), type.pack(), type.name(), type.description(), jsonOrNull(type.payloadSchema()),
                jsonOrNull(type.parametersSchema()), Sql.json(type.tags()), now));
    }

    /** Deletes a stored trigger type; returns whether there was one. */
    public boolean delete(String ref) {
        return store.write(c -> Sql.update(c, "DELETE FROM trigger_type WHERE ref = ?", ref) > 0);
    }

    /** Every stored trigger type, by ref. */
    public List<TriggerType> list() {
        return Sql.query(store, "SELECT ref, pack, name, description, payload_schema, parameters_schema, tags "
                + "FROM trigger_type ORDER BY ref", List.of(), TriggerTypeRepository::typeRow, "listing trigger types");
    }

    /** Records the triggers rules use (inserted or refreshed), in one durable write. */
    public void putTriggers(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            return;
        }
        long now = clock.millis();
        store.write(c -> {
            for (Trigger t : triggers) {
                Sql.update(c, "INSERT INTO trigger_def (ref, pack, name, type, parameters, updated_at) VALUES "
                                + "(?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO UPDATE SET updated_at = excluded.updated_at",
                        t.ref(), t.pack(), t.name(), t.type(), Sql.json(t.parameters()), now);
            }
            return null;
        });
    }

    /** Every recorded trigger, by ref. */
    public List<Trigger> triggers() {
        return Sql.query(store, "SELECT ref, pack, name, type, parameters FROM trigger_def ORDER BY ref", List.of(),
                rs -> new Trigger(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Sql.plainMap(rs.getString(5))), "listing triggers");
    }

    private static String jsonOrNull(JsonNode node) {
        return node == null ? null : Sql.json(node);
    }

    private static TriggerType typeRow(ResultSet rs) throws SQLException {
        try {
            JsonNode payload = rs.getString(5) == null ? null : Sql.mapper().readTree(rs.getString(5));
            JsonNode params = rs.getString(6) == null ? null : Sql.mapper().readTree(rs.getString(6));
            Object tags = Sql.plain(rs.getString(7));
            return new TriggerType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), payload, params,
                    tags instanceof List<?> l ? List.copyOf(l.stream().map(o -> (Object) o).toList()) : List.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("a stored trigger type schema is unreadable", e);
        }
    }
}
