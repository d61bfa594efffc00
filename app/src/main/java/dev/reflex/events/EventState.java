package dev.reflex.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event processor's state per client/check pair: the latest result, the status history, the
 * last OK time, the event registry, the TTL set and aggregate membership.
 *
 * <p>This is the repository the store implements; the in-memory implementation is
 * {@link InMemoryEventState}. Implementations only store and fetch: every decision is made by the
 * engine. The processor calls operations for one pair from one thread at a time (per-pair order),
 * so an implementation needs per-pair atomicity of {@link #recordResult}, nothing more.
 */
public interface EventState {

    /** The number of statuses a history keeps. */
    int HISTORY_LENGTH = 21;

    /**
     * Stores a result: replaces the pair's latest result, appends {@code status} to its history
     * (keeping the last {@value #HISTORY_LENGTH}), sets {@code last_ok} to {@code okAt} when it is
     * not null, and adds the pair to the TTL set when {@code ttl} is true. Returns the history and
     * last OK time after the update.
     *
     * @param check  the check attributes to store (output already truncated); read during the call
     *               only, never kept, so the caller may go on changing the map
     * @param status the result's status
     * @param okAt   the result's execution time when the status is 0, otherwise null
     * @param ttl    whether the check has a TTL
     */
    StatusHistory recordResult(ResultKey key, Map<String, Object> check, int status, Long okAt, boolean ttl);

    /** The latest stored result of a pair (check attributes without history). */
    Optional<Map<String, Object>> result(ResultKey key);

    /**
     * The attributes of the pair's latest result the TTL sweep and aggregates decide on (empty when
     * there is no result); cheaper than {@link #result} when the result is not kept in memory.
     */
    Optional<ResultFacts> resultFacts(ResultKey key);

    /** Every pair with a stored result. */
    List<ResultKey> resultKeys();

    /** The history and last OK time of a pair (empty history when unknown). */
    StatusHistory history(ResultKey key);

    /** Removes a pair's result, history, last OK time and TTL membership (not its event). */
    void deleteResult(ResultKey key);

    /** The pairs whose results have a TTL. */
    Set<ResultKey> ttlKeys();

    /** Removes a pair from the TTL set. */
    void removeTtl(ResultKey key);

    /** The stored event of a pair. */
    Optional<Event> event(ResultKey key);

    /**
     * The identity and counts of a pair's stored event (empty when there is none); what the engine
     * reads for every result, cheaper than {@link #event} when events are not kept in memory.
     */
    Optional<EventFacts> eventFacts(ResultKey key);

    /** The facts of every stored event, ordered by pair. */
    List<EventFacts> eventFacts();

    /** Stores (creates or replaces) the event of its pair. */
    void putEvent(Event event);

    /** Deletes the event of a pair; true if there was one. */
    boolean deleteEvent(ResultKey key);

    /** Every stored event. */
    List<Event> events();

    /** The stored events of one client. */
    List<Event> events(String client);

    /** Adds a pair to an aggregate (and the aggregate to the list of aggregates). */
    void addAggregateMember(String aggregate, ResultKey member);

    /** The pairs in an aggregate (empty when unknown). */
    Set<ResultKey> aggregateMembers(String aggregate);

    /** Removes one pair from an aggregate. */
    void removeAggregateMember(String aggregate, ResultKey member);

    /** Every aggregate name. */
    Set<String> aggregates();

    /** Deletes an aggregate; true if it existed. */
    boolean deleteAggregate(String aggregate);
}
