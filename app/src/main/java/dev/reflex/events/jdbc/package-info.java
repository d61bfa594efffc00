/**
 * Durable Sensu state: the event processor's repositories kept in memory for speed and written
 * through the store's group-committing writer before a result counts as accepted.
 *
 * <p>{@link dev.reflex.events.jdbc.WriteBehind} gathers the row changes made while one result is
 * processed, writes them in batches (one store write per batch, coalesced per row, upserts as
 * multi-row statements) and hands back a future that completes once they are committed; the engine
 * acknowledges a result only then. Row bodies are compact JSON written on the thread that made the
 * change, so the store's single writer thread only binds and executes.
 * {@link dev.reflex.events.jdbc.SensuTables} reads everything back at start, so histories, event ids,
 * clients and silences survive a restart. No engine logic lives here.
 *
 * <p>Crash semantics. Memory is updated first and read by the API at once; the rows follow within
 * one group commit (milliseconds). A result is acknowledged (agent {@code ack}, HTTP 202) only after
 * its batch committed, so an acknowledged result is never lost: after a crash the state is read back
 * with it. A result in flight when the server dies was not acknowledged; the agent still holds it on
 * disk and sends it again on reconnection (at least once: if the commit happened but the
 * acknowledgement was lost, that result is counted twice in the pair's history). When a batch fails
 * to commit, its results are not acknowledged and the agent's connection is closed, so it sends them
 * again. The state in memory belongs to one server: several nodes on one PostgreSQL database would
 * each keep their own copy, so the event processor is meant to run on one node at a time.
 */
package dev.reflex.events.jdbc;
