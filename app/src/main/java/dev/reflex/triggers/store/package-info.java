/**
 * Persistence of trigger types, triggers and trigger instances in the state store.
 *
 * <p>Writes go through {@link dev.reflex.store.Store#write} or {@code writeAsync} (group commit),
 * reads through the store's reader pool. {@link dev.reflex.triggers.store.Sql} holds the small JDBC
 * and JSON helpers that the rule repositories share.
 */
package dev.reflex.triggers.store;
