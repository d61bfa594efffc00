package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EventState} in memory: the engine's state for tests, benchmarks and an embedded server
 * without durability. Safe for concurrent use across pairs.
 */
public final class InMemoryEventState implements EventState {

    /**
     * Everything kept for one pair; guarded by its own monitor. The latest check result is kept as
     * its compact JSON text rather than as a tree of maps: a result lives until the pair's next one
     * (seconds), long enough to survive a young collection, and one string is far cheaper for the
     * collector to copy than the dozens of objects of a map (at tens of thousands of results per
     * second, copying those maps made the young pauses, and so the latency tail, several times
     * longer). Readers (TTL sweeps, aggregates, the API) parse it back, each getting its own copy.
     */
    private static final class Pair {
        String result;
        final int[] ring = new int[HISTORY_LENGTH];
        int start;
        int size;
        Long lastOk;
        Event event;

        int[] history() {
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % HISTORY_LENGTH];
            }
            return out;
        }

        void push(int status) {
            if (size < HISTORY_LENGTH) {
                ring[(start + size) % HISTORY_LENGTH] = status;
                size++;
            } else {
                ring[start] = status;
                start = (start + 1) % HISTORY_LENGTH;
            }
        }
    }

    private final Map<ResultKey, Pair> pairs = new ConcurrentHashMap<>();
    private final Set<ResultKey> ttl = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ResultKey>> aggregates = new ConcurrentHashMap<>();

    private Pair pair(ResultKey key) {
        return pairs.computeIfAbsent(key, k -> new Pair());
    }

    @Override
    public StatusHistory recordResult(ResultKey key, Map<String, Object> check, int status, Long okAt, boolean hasTtl) {
        return recordResultJson(key, JsonValues.write(check), status, okAt, hasTtl);
    }

    /**
     * {@link #recordResult} with the check attributes already written as JSON (a JSON object), for a
     * caller that writes them anyway.
     */
    public StatusHistory recordResultJson(ResultKey key, String checkJson, int status, Long okAt, boolean hasTtl) {
        Pair p = pair(key);
        synchronized (p) {
            p.result = checkJson;
            p.push(status);
            if (okAt != null) {
                p.lastOk = okAt;
            }
            if (hasTtl) {
                ttl.add(key);
            }
            return new StatusHistory(p.history(), p.lastOk);
        }
    }

    @Override
    public Optional<Map<String, Object>> result(ResultKey key) {
        return resultJson(key).map(json -> JsonValues.asMap(JsonValues.read(json)));
    }

    /** The latest check result of the pair as the JSON object it is kept as. */
    public Optional<String> resultJson(ResultKey key) {
        Pair p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return Optional.ofNullable(p.result);
        }
    }

    @Override
    public List<ResultKey> resultKeys() {
        List<ResultKey> keys = new ArrayList<>();
        pairs.forEach((k, p) -> {
            synchronized (p) {
                if (p.result != null) {
                    keys.add(k);
                }
            }
        });
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    @Override
    public StatusHistory history(ResultKey key) {
        Pair p = pairs.get(key);
        if (p == null) {
            return StatusHistory.empty();
        }
        synchronized (p) {
            return new StatusHistory(p.history(), p.lastOk);
        }
    }

    @Override
    public void deleteResult(ResultKey key) {
        Pair p = pairs.get(key);
        ttl.remove(key);
        if (p == null) {
            return;
        }
        synchronized (p) {
            p.result = null;
            p.size = 0;
            p.start = 0;
            p.lastOk = null;
            if (p.event == null) {
                pairs.remove(key, p);
            }
        }
    }

    @Override
    public Set<ResultKey> ttlKeys() {
        return Set.copyOf(ttl);
    }

    @Override
    public void removeTtl(ResultKey key) {
        ttl.remove(key);
    }

    @Override
    public Optional<Event> event(ResultKey key) {
        Pair p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return Optional.ofNullable(p.event);
        }
    }

    @Override
    public void putEvent(Event event) {
        Pair p = pair(event.key());
        synchronized (p) {
            p.event = event;
        }
    }

    @Override
    public boolean deleteEvent(ResultKey key) {
        Pair p = pairs.get(key);
        if (p == null) {
            return false;
        }
        synchronized (p) {
            boolean had = p.event != null;
            p.event = null;
            return had;
        }
    }

    @Override
    public List<Event> events() {
        List<Event> out = new ArrayList<>();
        pairs.forEach((k, p) -> {
            synchronized (p) {
                if (p.event != null) {
                    out.add(p.event);
                }
            }
        });
        out.sort(Comparator.comparing(Event::key));
        return out;
    }

    @Override
    public List<Event> events(String client) {
        return events().stream().filter(e -> e.clientName().equals(client)).toList();
    }

    @Override
    public void addAggregateMember(String aggregate, ResultKey member) {
        aggregates.computeIfAbsent(aggregate, a -> ConcurrentHashMap.newKeySet()).add(member);
    }

    @Override
    public Set<ResultKey> aggregateMembers(String aggregate) {
        Set<ResultKey> members = aggregates.get(aggregate);
        return members == null ? Set.of() : new TreeSet<>(members);
    }

    @Override
    public void removeAggregateMember(String aggregate, ResultKey member) {
        Set<ResultKey> members = aggregates.get(aggregate);
        if (members != null) {
            members.remove(member);
        }
    }

    @Override
    public Set<String> aggregates() {
        return new TreeSet<>(aggregates.keySet());
    }

    @Override
    public boolean deleteAggregate(String aggregate) {
        return aggregates.remove(aggregate) != null;
    }

    /** A snapshot of every stored result, for diagnostics. */
    public Map<ResultKey, Map<String, Object>> results() {
        Map<ResultKey, Map<String, Object>> out = new LinkedHashMap<>();
        resultKeys().forEach(k -> result(k).ifPresent(r -> out.put(k, r)));
        return out;
    }
}
