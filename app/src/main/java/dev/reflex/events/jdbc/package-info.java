/**
 * Durable Sensu state: the event processor's repositories kept in memory for speed and written
 * through the store's group-committing writer before a result counts as accepted.
 *
 * <p>{@link dev.reflex.events.jdbc.WriteBehind} gathers the row changes made while one result is
 * processed, writes them in batches (one store write per batch, coalesced per row) and hands back
 * a future that completes once they are committed; the engine acknowledges a result only then.
 * {@link dev.reflex.events.jdbc.SensuTables} reads everything back at start, so histories, event ids,
 * clients and silences survive a restart. No engine logic lives here.
 */
package dev.reflex.events.jdbc;
