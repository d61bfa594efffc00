package dev.reflex.events;

/**
 * The few attributes of a pair's latest check result that the TTL sweep and aggregate summaries
 * decide on, kept in memory so that they need not read the whole result (which a durable state keeps
 * only in its table).
 *
 * @param executed     the result's {@code executed} time in epoch seconds, or null when it has none
 *                     or it is not an integer
 * @param ttl          the result's {@code ttl} in seconds, or null when it has none or it is not an integer
 * @param forceResolve whether the result's {@code force_resolve} is set (truthy)
 * @param status       the result's status
 */
public record ResultFacts(Long executed, Long ttl, boolean forceResolve, int status) {
}
