package dev.reflex.rules.store;

import dev.reflex.rules.ExecutionRequest;
import dev.reflex.rules.RuleEnforcement;
import dev.reflex.store.Store;
import dev.reflex.triggers.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Rule enforcements in the {@code rule_enforcement} table. */
public final class EnforcementRepository {

    private static final String COLUMNS = "SELECT id, trigger_instance_id, rule_ref, rule_id, rule_snapshot, execution_id, "
            + "execution_request, status, failure_reason, enforced_at FROM rule_enforcement";
    private static final String INSERT = "INSERT INTO rule_enforcement (id, trigger_instance_id, rule_ref, rule_id, "
            + "rule_snapshot, execution_id, execution_request, status, failure_reason, enforced_at, seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Store store;

    /** A repository over a started store. */
    public EnforcementRepository(Store store) {
        this.store = store;
    }

    /**
     * An enforcement with its JSON columns already written, so that the store's single writer thread
     * only binds and inserts it. Build it with {@link #prepare} on the caller's thread.
     *
     * @param enforcement the enforcement
     * @param ruleJson    the rule snapshot as JSON
     * @param requestJson the execution request as JSON, or null when it made none
     */
    public record Prepared(RuleEnforcement enforcement, String ruleJson, String requestJson) {
    }

    /**
     * Writes the JSON columns of an enforcement ahead of its insert.
     *
     * @param request the execution request it made, or null
     */
    public static Prepared prepare(RuleEnforcement e, ExecutionRequest request) {
        return new Prepared(e, e.rule() == null ? "{}" : RuleDocuments.toJsonCached(e.rule()),
                request == null ? null : Sql.json(requestMap(request)));
    }

    /**
     * Inserts an enforcement inside a write that the caller runs.
     *
     * @param request the execution request it made, or null
     */
    public static void insert(Connection c, RuleEnforcement e, ExecutionRequest request) throws SQLException {
        insert(c, prepare(e, request));
    }

    /** Inserts a prepared enforcement inside a write that the caller runs. */
    public static void insert(Connection c, Prepared p) throws SQLException {
        RuleEnforcement e = p.enforcement();
        long at = e.enforcedAt().toEpochMilli();
        Sql.update(c, INSERT, e.id(), e.triggerInstanceId(), e.ruleRef(), e.ruleId(), p.ruleJson(), e.executionId(),
                p.requestJson(), e.status().wireName(), e.failureReason(), at, Sql.nextSeq(at));
    }

    /** An execution request as the enforcement shows it. */
    public static Map<String, Object> requestMap(ExecutionRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.actionRef());
        m.put("parameters", r.parameters());
        m.put("context", r.context());
        return m;
    }

    /** One enforcement by id. */
    public Optional<StoredEnforcement> get(String id) {
        return Sql.query(store, COLUMNS + " WHERE id = ?", List.of(id), EnforcementRepository::row,
                "reading rule enforcement " + id).stream().findFirst();
    }

    /** The enforcements a query selects, newest first. */
    public List<StoredEnforcement> list(EnforcementQuery q) {
        if (q.ruleRef() != null && q.triggerInstanceId() == null && store.dialect() == Store.Dialect.SQLITE) {
            return listByRule(q);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        filter(where, params, "rule_ref", q.ruleRef());
        filter(where, params, "trigger_instance_id", q.triggerInstanceId());
        filter(where, params, "execution_id", q.executionId());
        filter(where, params, "status", q.status() == null ? null : q.status().wireName());
        Sql.timeRange(where, params, "enforced_at", q.from(), q.to());
        params.add(q.limit());
        params.add(q.offset());
        return Sql.query(store, COLUMNS + where + " ORDER BY enforced_at DESC, seq DESC LIMIT ? OFFSET ?", params,
                EnforcementRepository::row, "listing rule enforcements");
    }

    /**
     * The enforcements of one rule on SQLite, newest first: those already in
     * {@code rule_enforcement_by_rule}, walked newest first through its key and stopped after
     * {@code limit + offset}, and the rows above its mark read from the table (see
     * {@link EnforcementIndexer}). One statement, so both parts come from the same snapshot.
     */
    private List<StoredEnforcement> listByRule(EnforcementQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder indexed = new StringBuilder("SELECT e.id, e.trigger_instance_id, e.rule_ref, e.rule_id, "
                + "e.rule_snapshot, e.execution_id, e.execution_request, e.status, e.failure_reason, e.enforced_at, e.seq "
                + "FROM rule_enforcement_by_rule r CROSS JOIN rule_enforcement e WHERE r.rule_ref = ?");
        params.add(q.ruleRef());
        Sql.timeRange(indexed, params, "r.enforced_at", q.from(), q.to());
        indexed.append(" AND e.id = r.id");
        filter(indexed, params, "e.execution_id", q.executionId());
        filter(indexed, params, "e.status", q.status() == null ? null : q.status().wireName());
        indexed.append(" ORDER BY r.enforced_at DESC, r.seq DESC LIMIT ?");
        params.add((long) q.limit() + q.offset());
        StringBuilder recent = new StringBuilder("SELECT id, trigger_instance_id, rule_ref, rule_id, rule_snapshot, "
                + "execution_id, execution_request, status, failure_reason, enforced_at, seq FROM rule_enforcement "
                + "WHERE rowid > (SELECT upto FROM rule_enforcement_indexed)");
        filter(recent, params, "rule_ref", q.ruleRef());
        filter(recent, params, "execution_id", q.executionId());
        filter(recent, params, "status", q.status() == null ? null : q.status().wireName());
        Sql.timeRange(recent, params, "enforced_at", q.from(), q.to());
        // the limit keeps this part a subquery of its own, read by rowid: merged as it is, the planner
        // would read it in time order through the time index, the whole table
        recent.append(" ORDER BY rowid LIMIT -1");
        params.add(q.limit());
        params.add(q.offset());
        return Sql.query(store, "SELECT * FROM (" + indexed + ") UNION ALL SELECT * FROM (" + recent + ")"
                + " ORDER BY enforced_at DESC, seq DESC LIMIT ? OFFSET ?", params, EnforcementRepository::row,
                "listing rule enforcements of rule " + q.ruleRef());
    }

    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static StoredEnforcement row(ResultSet rs) throws SQLException {
        String request = rs.getString(7);
        return new StoredEnforcement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Sql.plainMap(rs.getString(5)), rs.getString(6), request == null ? null : Sql.plainMap(request),
                RuleEnforcement.Status.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)), rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)));
    }
}
