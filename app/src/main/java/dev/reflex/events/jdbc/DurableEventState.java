package dev.reflex.events.jdbc;

import dev.reflex.events.Event;
import dev.reflex.events.EventState;
import dev.reflex.events.InMemoryEventState;
import dev.reflex.events.ResultKey;
import dev.reflex.events.StatusHistory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EventState} kept in memory and written to the store: reads are served from memory, every
 * change is queued on the {@link WriteBehind} (so it is committed before the result that caused it
 * is acknowledged). A pair's result row holds the latest check attributes, the history, the last
 * OK time and TTL membership, so one row is written per result.
 */
public final class DurableEventState implements EventState {

    private final InMemoryEventState memory;
    private final WriteBehind writes;

    /**
     * @param memory the in-memory state, already loaded from the store ({@link SensuTables#load})
     * @param writes where changes go
     */
    public DurableEventState(InMemoryEventState memory, WriteBehind writes) {
        this.memory = memory;
        this.writes = writes;
    }

    private static Object[] key(ResultKey k) {
        return new Object[] {k.client(), k.check()};
    }

    private void writeResult(ResultKey key) {
        Optional<String> result = memory.resultJson(key);
        if (result.isEmpty()) {
            writes.delete(SensuTable.RESULTS, key(key));
            return;
        }
        StatusHistory h = memory.history(key);
        writes.put(SensuTable.RESULTS, key(key), RowJson.result(result.get(), h, memory.ttlKeys().contains(key)));
    }

    @Override
    public StatusHistory recordResult(ResultKey key, Map<String, Object> check, int status, Long okAt, boolean ttl) {
        String checkJson = RowJson.write(check);
        StatusHistory h = memory.recordResultJson(key, checkJson, status, okAt, ttl);
        writes.put(SensuTable.RESULTS, key(key), RowJson.result(checkJson, h, ttl || memory.ttlKeys().contains(key)));
        return h;
    }

    @Override
    public Optional<Map<String, Object>> result(ResultKey key) {
        return memory.result(key);
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
        return memory.event(key);
    }

    @Override
    public void putEvent(Event event) {
        memory.putEvent(event);
        writes.put(SensuTable.EVENTS, key(event.key()), RowJson.write(event.toSensuMap()));
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
        return memory.events();
    }

    @Override
    public List<Event> events(String client) {
        return memory.events(client);
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
