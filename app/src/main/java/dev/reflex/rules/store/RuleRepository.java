package dev.reflex.rules.store;

import dev.reflex.rules.RuleParser;
import dev.reflex.store.Store;
import dev.reflex.triggers.store.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rules in the {@code rule_def} table, keyed by ref, with their definition as a JSON document. */
public final class RuleRepository {

    private static final String COLUMNS = "SELECT definition, source, source_file, updated_at FROM rule_def";

    private final Store store;
    private final RuleParser parser;

    /**
     * A repository.
     *
     * @param store  a started store
     * @param parser reads stored definitions back (without trigger-type checks, so that a rule whose
     *               pack trigger type is gone still loads)
     */
    public RuleRepository(Store store, RuleParser parser) {
        this.store = store;
        this.parser = parser;
    }

    /** Inserts or replaces a rule by ref; durable on return. */
    public void put(StoredRule stored) {
        store.write(c -> Sql.update(c, "INSERT INTO rule_def (ref, id, pack, name, enabled, definition, source, source_file, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO UPDATE SET id = excluded.id, "
                        + "enabled = excluded.enabled, definition = excluded.definition, source = excluded.source, "
                        + "source_file = excluded.source_file, updated_at = excluded.updated_at",
                stored.rule().ref(), stored.rule().id(), stored.rule().pack(), stored.rule().name(), stored.rule().enabled(),
                RuleDocuments.toJson(stored.rule()), stored.source(), stored.sourceFile(), stored.updatedAt().toEpochMilli()));
    }

    /** Deletes a rule by ref; returns whether there was one. */
    public boolean delete(String ref) {
        return store.write(c -> Sql.update(c, "DELETE FROM rule_def WHERE ref = ?", ref) > 0);
    }

    /** One rule by ref. */
    public Optional<StoredRule> get(String ref) {
        return Sql.query(store, COLUMNS + " WHERE ref = ?", List.of(ref), this::row, "reading rule " + ref).stream().findFirst();
    }

    /** Every rule, by ref. */
    public List<StoredRule> list() {
        return Sql.query(store, COLUMNS + " ORDER BY ref", List.of(), this::row, "listing rules");
    }

    private StoredRule row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredRule(RuleDocuments.fromJson(rs.getString(1), parser), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)));
    }
}
