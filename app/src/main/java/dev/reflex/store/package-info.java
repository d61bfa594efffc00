/**
 * The state store: Reflex's durable record of state kept in SQL, either the embedded SQLite database in
 * the data directory or a PostgreSQL server, behind the {@link dev.reflex.store.Store} interface.
 *
 * <p>This package owns the JDBC plumbing (the single group-committing writer, pooled readers, the
 * schema migrations under {@code db/migration/<dialect>/}), the key-value datastore with secrets
 * encrypted at rest, and the readiness check. Feature packages own their own tables and queries; they
 * write through {@link dev.reflex.store.Store#write(Store.Write)} and read through
 * {@link dev.reflex.store.Store#readers()}. {@link dev.reflex.store.Stores#open} is the entry point.
 */
package dev.reflex.store;
