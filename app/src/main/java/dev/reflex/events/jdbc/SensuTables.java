package dev.reflex.events.jdbc;

import dev.reflex.checks.JsonValues;
import dev.reflex.events.Event;
import dev.reflex.events.InMemoryClientRegistry;
import dev.reflex.events.InMemoryEventState;
import dev.reflex.events.InMemorySilenceRegistry;
import dev.reflex.events.ResultKey;
import dev.reflex.events.SilenceEntry;
import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The durable Sensu state as a whole: reads every row back into memory at start and builds the
 * repositories the engine uses.
 *
 * @param events   the event state
 * @param clients  the client registry
 * @param silences the silenced registry
 * @param stashes  the stashes
 * @param writes   the write-behind they share (the engine's {@code durability})
 */
public record SensuTables(DurableEventState events, DurableClientRegistry clients, DurableSilenceRegistry silences,
        DurableStashes stashes, WriteBehind writes) implements AutoCloseable {

    /**
     * Loads the state kept in {@code store} (which must be started and migrated) and returns the
     * repositories over it.
     *
     * @throws StoreException when the rows cannot be read
     */
    public static SensuTables load(Store store, Clock clock) {
        InMemoryEventState state = InMemoryEventState.untilCommitted();
        InMemoryClientRegistry clients = new InMemoryClientRegistry();
        InMemorySilenceRegistry silences = new InMemorySilenceRegistry(clock);
        List<StashRow> stashRows = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        try (Connection c = store.readers().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT client, check_name, body FROM sensu_results")) {
                while (rs.next()) {
                    restoreResult(state, new ResultKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT body FROM sensu_events")) {
                while (rs.next()) {
                    Event event = Event.fromSensuMap(JsonValues.asMap(JsonValues.read(rs.getString(1))));
                    state.putEvent(event);
                    state.eventCommitted(event.key(), event); // the row holds it
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT aggregate, client, check_name FROM sensu_aggregates")) {
                while (rs.next()) {
                    state.addAggregateMember(rs.getString(1), new ResultKey(rs.getString(2), rs.getString(3)));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT body FROM sensu_clients")) {
                while (rs.next()) {
                    clients.put(JsonValues.asMap(JsonValues.read(rs.getString(1))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT name, signature FROM sensu_signatures")) {
                while (rs.next()) {
                    clients.setSignature(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT body FROM sensu_silences")) {
                while (rs.next()) {
                    SilenceEntry e = DurableSilenceRegistry.entry(rs.getString(1));
                    if (!e.expired(now)) {
                        silences.put(e);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT path, body, expires_at FROM sensu_stashes")) {
                while (rs.next()) {
                    long expiresAt = rs.getLong(3);
                    Long expiry = rs.wasNull() ? null : expiresAt; // before reading another column
                    stashRows.add(new StashRow(rs.getString(1), rs.getString(2), expiry));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the Sensu state: " + e.getMessage(), e);
        }
        WriteBehind writes = new WriteBehind(store);
        DurableStashes stashes = new DurableStashes(writes, clock);
        for (StashRow row : stashRows) {
            stashes.restore(row.path(), row.body(), row.expiresAt());
        }
        return new SensuTables(new DurableEventState(state, writes, store.readers()), new DurableClientRegistry(clients, writes),
                new DurableSilenceRegistry(silences, writes), stashes, writes);
    }

    /** A {@code sensu_stashes} row, read before the write-behind (and its thread) exists. */
    private record StashRow(String path, String body, Long expiresAt) {
    }

    private static void restoreResult(InMemoryEventState state, ResultKey key, String json) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.read(json));
        Map<String, Object> check = JsonValues.asMap(body.get("check"));
        List<Object> history = JsonValues.asList(body.get("history"));
        Long lastOk = JsonValues.asLong(body.get("last_ok"));
        boolean ttl = Boolean.TRUE.equals(body.get("ttl"));
        if (check == null || history == null || history.isEmpty()) {
            return;
        }
        String checkJson = RowJson.write(check);
        for (int i = 0; i < history.size(); i++) {
            boolean last = i == history.size() - 1;
            Integer status = JsonValues.asInt(history.get(i));
            state.recordResult(key, check, checkJson, status == null ? 0 : status, last ? lastOk : null, last && ttl);
        }
        state.committed(key, checkJson); // the row holds it
    }

    @Override
    public void close() {
        writes.close();
    }
}
