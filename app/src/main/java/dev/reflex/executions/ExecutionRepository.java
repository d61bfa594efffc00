package dev.reflex.executions;

import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Executions in the {@code execution} table: every insert and update goes through the store's
 * group-committing writer and is durable when the call returns; reads use the reader pool.
 */
public final class ExecutionRepository {

    private static final String COLUMNS = "SELECT id, action_ref, status, start_ts, end_ts, parent_id, doc FROM execution";
    private static final String INSERT = "INSERT INTO execution (id, action_ref, status, start_ts, end_ts, parent_id, "
            + "rule_ref, trigger_instance_id, user_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE execution SET status = ?, end_ts = ?, doc = ? WHERE id = ?";

    private final Store store;

    /** A repository over {@code store}. */
    public ExecutionRepository(Store store) {
        this.store = store;
    }

    /** Stores a new execution; durable on return. */
    public void insert(Execution e) {
        store.write(inserting(e));
    }

    /**
     * Queues the insert of a new execution without waiting for its commit; the future completes once
     * it is durable, or fails if the insert did.
     */
    public CompletableFuture<Void> insertQueued(Execution e) {
        return store.writeAsync(inserting(e));
    }

    /**
     * Queues the insert of a new execution whose row is read only when the store's writer runs the
     * statement: {@code row} is called then, on the writer's thread, and gives the execution as it is
     * at that moment (with its document when the caller already wrote it). It is called once: if the
     * writer runs the insert again (another write of its batch failed), the row it took is written.
     * The future completes once the row is durable, or fails if the insert did.
     */
    CompletableFuture<Void> insertQueued(Supplier<Row> row) {
        Row[] taken = new Row[1]; // touched only by the writer's thread
        return store.writeAsync(c -> {
            if (taken[0] == null) {
                taken[0] = row.get();
            }
            Row r = taken[0];
            return inserting(r.execution(), r.doc() != null ? r.doc() : ExecutionCodec.doc(r.execution())).apply(c);
        });
    }

    /**
     * An execution and, if already written, its stored document.
     *
     * @param execution the execution
     * @param doc       {@link ExecutionCodec#doc} of it, or null to write it when needed
     */
    record Row(Execution execution, String doc) {
    }

    private static Store.Write<Void> inserting(Execution e) {
        return inserting(e, ExecutionCodec.doc(e));
    }

    private static Store.Write<Void> inserting(Execution e, String doc) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, e.id());
                ps.setString(2, e.actionRef());
                ps.setString(3, e.status().value());
                ps.setLong(4, ExecutionCodec.micros(e.startTimestamp()));
                setLong(ps, 5, e.endTimestamp() == null ? null : ExecutionCodec.micros(e.endTimestamp()));
                ps.setString(6, e.parentId());
                ps.setString(7, e.ruleRef());
                ps.setString(8, e.triggerInstanceId());
                ps.setString(9, e.user());
                ps.setString(10, doc);
                ps.executeUpdate();
            }
            return null;
        };
    }

    /** Rewrites an execution after a transition; durable on return. */
    public void update(Execution e) {
        int rows = store.write(updating(e));
        if (rows != 1) {
            throw new StoreException("execution " + e.id() + " is not in the store", null);
        }
    }

    /**
     * Queues the rewrite of an execution without waiting for its commit. The store has one writer
     * that commits in the order writes were queued, so any durable write the caller makes afterwards
     * commits after this one (in the same or a later transaction): callers use it for a transition
     * whose durability a following write they wait for provides. The future fails if the rewrite did.
     */
    public CompletableFuture<Integer> updateQueued(Execution e) {
        return store.writeAsync(updating(e));
    }

    private static Store.Write<Integer> updating(Execution e) {
        String doc = ExecutionCodec.doc(e);
        return c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setString(1, e.status().value());
                setLong(ps, 2, e.endTimestamp() == null ? null : ExecutionCodec.micros(e.endTimestamp()));
                ps.setString(3, doc);
                ps.setString(4, e.id());
                return ps.executeUpdate();
            }
        };
    }

    /** The execution with this id. */
    public Optional<Execution> find(String id) {
        List<Execution> found = query(COLUMNS + " WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** The executions in any of these statuses, oldest first. */
    public List<Execution> inStatus(Collection<ExecutionStatus> statuses) {
        StringJoiner in = new StringJoiner(", ", "(", ")");
        List<Object> args = new ArrayList<>();
        for (ExecutionStatus s : statuses) {
            in.add("?");
            args.add(s.value());
        }
        return query(COLUMNS + " WHERE status IN " + in + " ORDER BY start_ts, id", args);
    }

    /** The children of an execution, oldest first. */
    public List<Execution> children(String parentId) {
        return query(COLUMNS + " WHERE parent_id = ? ORDER BY start_ts, id", List.of(parentId));
    }

    /** The executions matching the filters, newest first. */
    public List<Execution> list(ExecutionQuery q) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "action_ref", q.action());
        where(sql, args, "status", q.status() == null ? null : q.status().value());
        where(sql, args, "rule_ref", q.rule());
        where(sql, args, "trigger_instance_id", q.triggerInstance());
        where(sql, args, "parent_id", q.parent());
        if (q.since() != null) {
            sql.append(" AND start_ts >= ?");
            args.add(ExecutionCodec.micros(q.since()));
        }
        if (q.until() != null) {
            sql.append(" AND start_ts <= ?");
            args.add(ExecutionCodec.micros(q.until()));
        }
        sql.append(" ORDER BY start_ts DESC, id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return query(sql.toString(), args);
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private List<Execution> query(String sql, List<Object> args) {
        try (Connection c = store.readers().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Execution> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long end = rs.getLong(5);
                    Long endTs = rs.wasNull() ? null : end;
                    out.add(ExecutionCodec.execution(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            endTs, rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading executions failed", e);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
