package dev.reflex.triggers.store;

import dev.reflex.store.Store;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import dev.reflex.triggers.TriggerInstanceStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Trigger instances in the {@code trigger_instance} table: inserted durably before they are
 * acknowledged, their status moved along as the rules process them, listed with filters.
 */
public final class TriggerInstanceRepository {

    private static final String COLUMNS = "SELECT id, trigger_ref, trigger_type, trigger_params, payload, occurrence_time, "
            + "status, trace_tag FROM trigger_instance";
    private static final String INSERT = "INSERT INTO trigger_instance (id, trigger_ref, trigger_type, trigger_params, "
            + "payload, occurrence_time, status, trace_tag, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Store store;

    /** A repository over a started store. */
    public TriggerInstanceRepository(Store store) {
        this.store = store;
    }

    /**
     * Inserts an instance; returns once the insert is durable. The JSON columns are written on the
     * caller's thread, so that the store's one writer thread only binds and inserts.
     */
    public void insert(StoredTriggerInstance stored) {
        insert(stored, null);
    }

    /** Inserts an instance, then runs {@code after} in the same transaction; returns once both are durable. */
    public void insert(StoredTriggerInstance stored, Store.Write<Void> after) {
        store.write(inserting(stored, after));
    }

    /** Inserts an instance without waiting: the future completes once the insert is durable. */
    public CompletableFuture<Void> insertAsync(StoredTriggerInstance stored) {
        return insertAsync(stored, null);
    }

    /**
     * Inserts an instance, then runs {@code after} in the same transaction, without waiting: the
     * future completes once both are durable. If {@code after} fails, the insert is rolled back too.
     */
    public CompletableFuture<Void> insertAsync(StoredTriggerInstance stored, Store.Write<Void> after) {
        return store.writeAsync(inserting(stored, after));
    }

    /** The write of an instance (its JSON columns made here, on the caller's thread) and what follows it. */
    private static Store.Write<Void> inserting(StoredTriggerInstance stored, Store.Write<Void> after) {
        String params = Sql.json(stored.instance().trigger().parameters());
        String payload = Sql.json(stored.instance().payload());
        return c -> {
            insert(c, stored, params, payload);
            if (after != null) {
                after.apply(c);
            }
            return null;
        };
    }

    /** Inserts an instance inside a write that the caller runs. */
    public static void insert(Connection c, StoredTriggerInstance stored) throws SQLException {
        insert(c, stored, Sql.json(stored.instance().trigger().parameters()), Sql.json(stored.instance().payload()));
    }

    private static void insert(Connection c, StoredTriggerInstance stored, String paramsJson, String payloadJson)
            throws SQLException {
        TriggerInstance ti = stored.instance();
        long at = ti.occurrenceTime().toEpochMilli();
        Sql.update(c, INSERT, ti.id(), ti.trigger().ref(), ti.trigger().type(), paramsJson, payloadJson, at,
                ti.status().wireName(), stored.traceTag(), Sql.nextSeq(at));
    }

    /** Sets the status of an instance, without waiting for the commit. */
    public CompletableFuture<Boolean> markAsync(String id, TriggerInstanceStatus status) {
        return store.writeAsync(c -> mark(c, id, status));
    }

    /** Sets the status of an instance inside a write that the caller runs; returns whether it exists. */
    public static boolean mark(Connection c, String id, TriggerInstanceStatus status) throws SQLException {
        return Sql.update(c, "UPDATE trigger_instance SET status = ? WHERE id = ?", status.wireName(), id) > 0;
    }

    /** One instance by id. */
    public Optional<StoredTriggerInstance> get(String id) {
        return Sql.query(store, COLUMNS + " WHERE id = ?", List.of(id), TriggerInstanceRepository::row,
                "reading trigger instance " + id).stream().findFirst();
    }

    /** The instances a query selects, newest first. */
    public List<StoredTriggerInstance> list(TriggerInstanceQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.trigger() != null) {
            where.append(" AND (trigger_ref = ? OR trigger_type = ?)");
            params.add(q.trigger());
            params.add(q.trigger());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            params.add(q.status().wireName());
        }
        Sql.timeRange(where, params, "occurrence_time", q.from(), q.to());
        params.add(q.limit());
        params.add(q.offset());
        return Sql.query(store, COLUMNS + where + " ORDER BY occurrence_time DESC, seq DESC LIMIT ? OFFSET ?", params,
                TriggerInstanceRepository::row, "listing trigger instances");
    }

    /** The instances left pending or processing (by a crash), oldest first. */
    public List<StoredTriggerInstance> unfinished() {
        return Sql.query(store, COLUMNS + " WHERE status IN ('pending', 'processing') ORDER BY occurrence_time, seq",
                List.of(), TriggerInstanceRepository::row, "listing unfinished trigger instances");
    }

    private static StoredTriggerInstance row(ResultSet rs) throws SQLException {
        String ref = rs.getString(2);
        String type = rs.getString(3);
        int dot = ref.indexOf('.');
        Trigger trigger = new Trigger(ref, dot < 0 ? "" : ref.substring(0, dot), dot < 0 ? ref : ref.substring(dot + 1), type,
                Sql.plainMap(rs.getString(4)));
        TriggerInstanceStatus status = TriggerInstanceStatus.valueOf(rs.getString(7).toUpperCase(Locale.ROOT));
        TriggerInstance ti = new TriggerInstance(rs.getString(1), trigger, Sql.plainMap(rs.getString(5)),
                Instant.ofEpochMilli(rs.getLong(6)), status);
        return new StoredTriggerInstance(ti, rs.getString(8));
    }
}
