package dev.reflex.events.jdbc;

import dev.reflex.checks.JsonValues;
import dev.reflex.events.Event;
import dev.reflex.events.EventFacts;
import dev.reflex.events.EventState;
import dev.reflex.events.InMemoryEventState;
import dev.reflex.events.ResultFacts;
import dev.reflex.events.ResultKey;
import dev.reflex.events.StatusHistory;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@link EventState} kept in memory and written to the store: every change is queued on the
 * {@link WriteBehind} (so it is committed before the result that caused it is acknowledged). A pair's
 * result row holds the latest check attributes, the history, the last OK time and TTL membership, so
 * one row is written per result.
 *
 * <p>Reads are served from memory, except a pair's latest check attributes and its event: memory
 * keeps them ({@link InMemoryEventState#untilCommitted()}) only until their row is committed, then
 * they are read from the row. The engine itself never reads them back (the history, the last OK
 * time, {@link ResultFacts} and {@link EventFacts} stay in memory); the results and events API,
 * client histories, aggregates' results by severity and the TTL sweep's stale results do.
 */
public final class DurableEventState implements EventState {

    /** Above this many pairs a listing reads the whole table once instead of one row per pair. */
    private static final int SCAN_ABOVE = 64;
    private static final String ONE = "SELECT body FROM sensu_results WHERE client = ? AND check_name = ?";
    private static final String ALL = "SELECT client, check_name, body FROM sensu_results";
    private static final String ONE_EVENT = "SELECT body FROM sensu_events WHERE client = ? AND check_name = ?";
    private static final String ALL_EVENTS = "SELECT client, check_name, body FROM sensu_events";
    private static final String CLIENT_EVENTS = "SELECT client, check_name, body FROM sensu_events WHERE client = ?";

    private final InMemoryEventState memory;
    private final WriteBehind writes;
    private final DataSource readers;

    /**
     * @param memory  the in-memory state, already loaded from the store ({@link SensuTables#load}),
     *                made by {@link InMemoryEventState#untilCommitted()}
     * @param writes  where changes go
     * @param readers connections to the store the rows are read from
     */
    public DurableEventState(InMemoryEventState memory, WriteBehind writes, DataSource readers) {
        this.memory = memory;
        this.writes = writes;
        this.readers = readers;
    }

    /** The memory under this state (for tests: what it still holds once rows are committed). */
    InMemoryEventState memory() {
        return memory;
    }

    private static Object[] key(ResultKey k) {
        return new Object[] {k.client(), k.check()};
    }

    private void writeResult(ResultKey key) {
        Optional<Map<String, Object>> result = result(key);
        if (result.isEmpty()) {
            writes.delete(SensuTable.RESULTS, key(key));
            return;
        }
        StatusHistory h = memory.history(key);
        writes.put(SensuTable.RESULTS, key(key), RowJson.result(RowJson.write(result.get()), h, memory.hasTtl(key)));
    }

    @Override
    public StatusHistory recordResult(ResultKey key, Map<String, Object> check, int status, Long okAt, boolean ttl) {
        String checkJson = RowJson.write(check);
        StatusHistory h = memory.recordResult(key, check, checkJson, status, okAt, ttl);
        writes.putThen(SensuTable.RESULTS, key(key), RowJson.result(checkJson, h, ttl || memory.hasTtl(key)),
                () -> memory.committed(key, checkJson));
        return h;
    }

    @Override
    public Optional<Map<String, Object>> result(ResultKey key) {
        Optional<InMemoryEventState.Latest> latest = memory.latest(key);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (latest.get().text() != null) {
            return Optional.of(parse(latest.get().text()));
        }
        try (Connection c = readers.getConnection(); PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, key.client());
            ps.setString(2, key.check());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(checkOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the result of " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The latest results of several pairs, as {@link #result} gives each (pairs without a result are
     * left out), in the order of {@code keys}; many pairs are read with one pass over the table.
     */
    public Map<ResultKey, Map<String, Object>> results(List<ResultKey> keys) {
        Map<ResultKey, Map<String, Object>> out = new LinkedHashMap<>();
        if (keys.size() <= SCAN_ABOVE) {
            for (ResultKey k : keys) {
                result(k).ifPresent(r -> out.put(k, r));
            }
            return out;
        }
        Map<ResultKey, String> pending = new HashMap<>();
        List<ResultKey> stored = new ArrayList<>();
        for (ResultKey k : keys) {
            Optional<InMemoryEventState.Latest> latest = memory.latest(k);
            if (latest.isPresent()) {
                if (latest.get().text() != null) {
                    pending.put(k, latest.get().text());
                } else {
                    stored.add(k);
                }
            }
        }
        Map<ResultKey, String> rows = new HashMap<>();
        if (!stored.isEmpty()) {
            Set<ResultKey> wanted = Set.copyOf(stored);
            try (Connection c = readers.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery(ALL)) {
                while (rs.next()) {
                    ResultKey k = new ResultKey(rs.getString(1), rs.getString(2));
                    if (wanted.contains(k)) {
                        rows.put(k, rs.getString(3));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the Sensu results: " + e.getMessage(), e);
            }
        }
        for (ResultKey k : keys) {
            String text = pending.get(k);
            if (text != null) {
                out.put(k, parse(text));
            } else if (rows.containsKey(k)) {
                Map<String, Object> check = checkOf(rows.get(k));
                if (check != null) {
                    out.put(k, check);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> parse(String checkJson) {
        return JsonValues.asMap(JsonValues.read(checkJson));
    }

    /** The check attributes of a result row's body. */
    private static Map<String, Object> checkOf(String body) {
        Map<String, Object> row = JsonValues.asMap(JsonValues.read(body));
        return row == null ? null : JsonValues.asMap(row.get("check"));
    }

    @Override
    public Optional<ResultFacts> resultFacts(ResultKey key) {
        return memory.resultFacts(key);
    }

    @Override
    public List<ResultKey> resultKeys() {
        return memory.resultKeys();
    }

    @Override
    public StatusHistory history(ResultKey key) {
        return memory.history(key);
    }

    @Override
    public void deleteResult(ResultKey key) {
        memory.deleteResult(key);
        writes.delete(SensuTable.RESULTS, key(key));
    }

    @Override
    public Set<ResultKey> ttlKeys() {
        return memory.ttlKeys();
    }

    @Override
    public void removeTtl(ResultKey key) {
        memory.removeTtl(key);
        writeResult(key);
    }

    @Override
    public Optional<Event> event(ResultKey key) {
        Optional<InMemoryEventState.LatestEvent> latest = memory.latestEvent(key);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (latest.get().event() != null) {
            return Optional.of(latest.get().event());
        }
        try (Connection c = readers.getConnection(); PreparedStatement ps = c.prepareStatement(ONE_EVENT)) {
            ps.setString(1, key.client());
            ps.setString(2, key.check());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(eventOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the event of " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<EventFacts> eventFacts(ResultKey key) {
        return memory.eventFacts(key);
    }

    @Override
    public List<EventFacts> eventFacts() {
        return memory.eventFacts();
    }

    @Override
    public void putEvent(Event event) {
        memory.putEvent(event);
        ResultKey key = event.key();
        writes.putThen(SensuTable.EVENTS, key(key), RowJson.write(event.toSensuMap()),
                () -> memory.eventCommitted(key, event));
    }

    @Override
    public boolean deleteEvent(ResultKey key) {
        boolean had = memory.deleteEvent(key);
        if (had) {
            writes.delete(SensuTable.EVENTS, key(key));
        }
        return had;
    }

    @Override
    public List<Event> events() {
        return events(memory.eventFacts().stream().map(EventFacts::key).toList(), ALL_EVENTS, null);
    }

    @Override
    public List<Event> events(String client) {
        return events(memory.eventFacts().stream().map(EventFacts::key).filter(k -> k.client().equals(client)).toList(),
                CLIENT_EVENTS, client);
    }

    /** The events of {@code keys}, in their order: those not committed yet from memory, the others from the table. */
    private List<Event> events(List<ResultKey> keys, String sql, String client) {
        Map<ResultKey, Event> pending = new HashMap<>();
        boolean read = false;
        for (ResultKey k : keys) {
            Optional<InMemoryEventState.LatestEvent> latest = memory.latestEvent(k);
            if (latest.isPresent() && latest.get().event() != null) {
                pending.put(k, latest.get().event());
            } else if (latest.isPresent()) {
                read = true;
            }
        }
        Map<ResultKey, String> rows = new HashMap<>();
        if (read) {
            try (Connection c = readers.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                if (client != null) {
                    ps.setString(1, client);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(new ResultKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the Sensu events: " + e.getMessage(), e);
            }
        }
        List<Event> out = new ArrayList<>();
        for (ResultKey k : keys) {
            Event e = pending.get(k);
            if (e == null && rows.containsKey(k)) {
                e = eventOf(rows.get(k));
            }
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private static Event eventOf(String body) {
        return Event.fromSensuMap(JsonValues.asMap(JsonValues.read(body)));
    }

    @Override
    public void addAggregateMember(String aggregate, ResultKey member) {
        if (!memory.aggregateMembers(aggregate).contains(member)) {
            memory.addAggregateMember(aggregate, member);
            writes.put(SensuTable.AGGREGATES, new Object[] {aggregate, member.client(), member.check()});
        }
    }

    @Override
    public Set<ResultKey> aggregateMembers(String aggregate) {
        return memory.aggregateMembers(aggregate);
    }

    @Override
    public void removeAggregateMember(String aggregate, ResultKey member) {
        memory.removeAggregateMember(aggregate, member);
        writes.delete(SensuTable.AGGREGATES, aggregate, member.client(), member.check());
    }

    @Override
    public Set<String> aggregates() {
        return memory.aggregates();
    }

    @Override
    public boolean deleteAggregate(String aggregate) {
        Set<ResultKey> members = memory.aggregateMembers(aggregate);
        boolean had = memory.deleteAggregate(aggregate);
        for (ResultKey m : members) {
            writes.delete(SensuTable.AGGREGATES, aggregate, m.client(), m.check());
        }
        return had;
    }
}
