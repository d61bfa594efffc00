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
 * without durability, and the memory of {@link dev.reflex.events.jdbc.DurableEventState}. Safe for
 * concurrent use across pairs.
 *
 * <p>A durable state keeps each pair's latest result in its table, so its memory
 * ({@link #untilCommitted()}) keeps the result's JSON text only until the row is committed
 * ({@link #committed}): at tens of thousands of results per second a pair's result lives seconds,
 * long enough to be copied by one or two young collections, and those copies were most of what made
 * the collector's pauses long. Events likewise: the whole {@link Event} is kept until its row is
 * committed ({@link #eventCommitted}), its {@link EventFacts} always. What the engine decides on for
 * every result stays in memory: the history ring, the last OK time, the {@link ResultFacts} and the
 * {@link EventFacts}.
 */
public final class InMemoryEventState implements EventState {

    /**
     * What a state keeping text only until commit knows of a pair's latest result.
     *
     * @param text the result's JSON text while its row is not committed yet, null once it is (the
     *             result is then read from the table)
     */
    public record Latest(String text) {
    }

    /**
     * What a state keeping events only until commit knows of a pair's event.
     *
     * @param event the event while its row is not committed yet, null once it is (it is then read
     *              from the table)
     */
    public record LatestEvent(Event event) {
    }

    private final Map<ResultKey, PairState> pairs = new ConcurrentHashMap<>();
    private final Set<ResultKey> ttl = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ResultKey>> aggregates = new ConcurrentHashMap<>();
    private final boolean keepText;

    /** A state that keeps every result in memory. */
    public InMemoryEventState() {
        this(true);
    }

    private InMemoryEventState(boolean keepText) {
        this.keepText = keepText;
    }

    /**
     * A state for a durable store: each result's text is kept only until {@link #committed} says
     * its row is in the table; {@link #result} is then empty and {@link #latest} tells the caller to
     * read the table.
     */
    public static InMemoryEventState untilCommitted() {
        return new InMemoryEventState(false);
    }

    private PairState pair(ResultKey key) {
        return pairs.computeIfAbsent(key, k -> new PairState());
    }

    @Override
    public StatusHistory recordResult(ResultKey key, Map<String, Object> check, int status, Long okAt, boolean hasTtl) {
        return recordResult(key, check, JsonValues.write(check), status, okAt, hasTtl);
    }

    /**
     * {@link #recordResult} with the check attributes also written as JSON (a JSON object) by a
     * caller that writes them anyway; {@code check} is read during the call only.
     */
    public StatusHistory recordResult(ResultKey key, Map<String, Object> check, String checkJson, int status,
            Long okAt, boolean hasTtl) {
        Long executed = JsonValues.asLong(check.get("executed"));
        Long ttlSeconds = JsonValues.asLong(check.get("ttl"));
        boolean forceResolve = JsonValues.truthy(check.get("force_resolve"));
        PairState p = pair(key);
        synchronized (p) {
            p.result = checkJson;
            p.hasResult = true;
            p.hasExecuted = executed != null;
            p.executed = executed == null ? 0 : executed;
            p.hasTtlSeconds = ttlSeconds != null;
            p.ttlSeconds = ttlSeconds == null ? 0 : ttlSeconds;
            p.forceResolve = forceResolve;
            p.push(status);
            if (okAt != null) {
                p.hasLastOk = true;
                p.lastOk = okAt;
            }
            if (hasTtl) {
                ttl.add(key);
            }
            return p.statusHistory();
        }
    }

    /**
     * Says that the row holding {@code checkJson} as the pair's result is committed: a state made by
     * {@link #untilCommitted()} drops the text unless a newer result replaced it meanwhile.
     */
    public void committed(ResultKey key, String checkJson) {
        if (keepText) {
            return;
        }
        PairState p = pairs.get(key);
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (p.result == checkJson) { // the same text, not an equal one: a newer result may be pending
                p.result = null;
            }
        }
    }

    @Override
    public Optional<Map<String, Object>> result(ResultKey key) {
        return resultJson(key).map(json -> JsonValues.asMap(JsonValues.read(json)));
    }

    /** The latest check result of the pair as the JSON object it is kept as, when it is kept. */
    public Optional<String> resultJson(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return Optional.ofNullable(p.result);
        }
    }

    /** Whether the pair has a result and, if so, its text when it is still in memory (both read at once). */
    public Optional<Latest> latest(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return p.hasResult ? Optional.of(new Latest(p.result)) : Optional.empty();
        }
    }

    @Override
    public Optional<ResultFacts> resultFacts(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            if (!p.hasResult) {
                return Optional.empty();
            }
            return Optional.of(p.resultFacts());
        }
    }

    @Override
    public List<ResultKey> resultKeys() {
        return collect((k, p) -> p.hasResult ? k : null, Comparator.naturalOrder());
    }

    @Override
    public StatusHistory history(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return StatusHistory.empty();
        }
        synchronized (p) {
            return p.statusHistory();
        }
    }

    @Override
    public void deleteResult(ResultKey key) {
        PairState p = pairs.get(key);
        ttl.remove(key);
        if (p == null) {
            return;
        }
        synchronized (p) {
            p.clearResult();
            if (p.eventFacts == null) {
                pairs.remove(key, p);
            }
        }
    }

    /** Whether the pair is watched for a stale result (without copying the set, as {@link #ttlKeys} does). */
    public boolean hasTtl(ResultKey key) {
        return ttl.contains(key);
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
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return Optional.ofNullable(p.event);
        }
    }

    /** Whether the pair has an event and, if so, the event when it is still in memory (both read at once). */
    public Optional<LatestEvent> latestEvent(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return p.eventFacts != null ? Optional.of(new LatestEvent(p.event)) : Optional.empty();
        }
    }

    @Override
    public Optional<EventFacts> eventFacts(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return Optional.empty();
        }
        synchronized (p) {
            return Optional.ofNullable(p.eventFacts);
        }
    }

    @Override
    public List<EventFacts> eventFacts() {
        return collect((k, p) -> p.eventFacts, Comparator.comparing(EventFacts::key));
    }

    @Override
    public void putEvent(Event event) {
        ResultKey key = event.key();
        EventFacts facts = EventFacts.of(key, event);
        PairState p = pair(key);
        synchronized (p) {
            p.event = event;
            p.eventFacts = facts;
        }
    }

    /**
     * Says that the row holding {@code event} is committed: a state made by {@link #untilCommitted()}
     * drops the event (its facts stay) unless a newer one replaced it meanwhile.
     */
    public void eventCommitted(ResultKey key, Event event) {
        if (keepText) {
            return;
        }
        PairState p = pairs.get(key);
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (p.event == event) {
                p.event = null;
            }
        }
    }

    @Override
    public boolean deleteEvent(ResultKey key) {
        PairState p = pairs.get(key);
        if (p == null) {
            return false;
        }
        synchronized (p) {
            boolean had = p.eventFacts != null;
            p.event = null;
            p.eventFacts = null;
            return had;
        }
    }

    /** Every stored event kept in memory, ordered by pair (all of them unless events are kept until commit only). */
    @Override
    public List<Event> events() {
        return collect((k, p) -> p.event, Comparator.comparing(Event::key));
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

    /** A snapshot of every result kept in memory, for diagnostics. */
    public Map<ResultKey, Map<String, Object>> results() {
        Map<ResultKey, Map<String, Object>> out = new LinkedHashMap<>();
        resultKeys().forEach(k -> result(k).ifPresent(r -> out.put(k, r)));
        return out;
    }

    /** What {@code pick} gives for each pair (read under the pair's lock), nulls left out, in {@code order}. */
    private <T> List<T> collect(java.util.function.BiFunction<ResultKey, PairState, T> pick, Comparator<? super T> order) {
        List<T> out = new ArrayList<>();
        pairs.forEach((k, p) -> {
            T value;
            synchronized (p) {
                value = pick.apply(k, p);
            }
            if (value != null) {
                out.add(value);
            }
        });
        out.sort(order);
        return out;
    }
}
