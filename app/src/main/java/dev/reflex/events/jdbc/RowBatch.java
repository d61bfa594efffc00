package dev.reflex.events.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of row changes of the Sensu state, coalesced (the last change of a row wins) and grouped
 * per table and kind, ready to run on the store's writer: deletes as JDBC batches, upserts as
 * multi-row statements of a few fixed sizes ({@link SensuTable.MultiRow#SIZES}) and the remainder as
 * a JDBC batch of one-row upserts. Coalescing also makes the rows of one multi-row upsert distinct,
 * which PostgreSQL requires ({@code ON CONFLICT DO UPDATE} cannot touch a row twice in one statement).
 *
 * @param deletes the rows to delete, per table
 * @param upserts the rows to insert or update, per table
 * @param rows    how many rows the batch changes
 */
record RowBatch(Map<SensuTable, List<Change>> deletes, Map<SensuTable, List<Change>> upserts, int rows) {

    /** Coalesces {@code changes}, given in the order they were made. */
    static RowBatch of(List<Change> changes) {
        Map<Slot, Change> last = new HashMap<>(changes.size() * 2);
        for (Change ch : changes) {
            last.put(new Slot(ch.table(), Arrays.asList(ch.key())), ch);
        }
        Map<SensuTable, List<Change>> deletes = new EnumMap<>(SensuTable.class);
        Map<SensuTable, List<Change>> upserts = new EnumMap<>(SensuTable.class);
        for (Change ch : last.values()) {
            (ch.values() == null ? deletes : upserts).computeIfAbsent(ch.table(), t -> new ArrayList<>()).add(ch);
        }
        return new RowBatch(deletes, upserts, last.size());
    }

    /** One row change; {@code values} null deletes the row. */
    record Change(SensuTable table, Object[] key, Object[] values) {
    }

    /** A row's identity within a batch. */
    private record Slot(SensuTable table, List<Object> key) {
    }

    /** Runs on the store's writer: deletes first, then upserts; returns how many rows it changed. */
    int apply(Connection c) throws SQLException {
        for (Map.Entry<SensuTable, List<Change>> e : deletes.entrySet()) {
            execute(c, e.getKey().deleteSql(), e.getValue());
        }
        for (Map.Entry<SensuTable, List<Change>> e : upserts.entrySet()) {
            upsert(c, e.getKey(), e.getValue());
        }
        return rows;
    }

    /**
     * Upserts distinct rows: as many as fit in multi-row statements of the fixed sizes, the rest
     * (fewer than the smallest size) as a JDBC batch of one-row statements.
     */
    private static void upsert(Connection c, SensuTable table, List<Change> changes) throws SQLException {
        int from = 0;
        int[] sizes = SensuTable.MultiRow.SIZES;
        for (int s = 0; s < sizes.length; s++) {
            int size = sizes[s];
            if (changes.size() - from < size) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement(table.upsertSql(s))) {
                while (changes.size() - from >= size) {
                    int i = 1;
                    for (Change ch : changes.subList(from, from + size)) {
                        i = bind(ps, ch, i);
                    }
                    ps.executeUpdate();
                    from += size;
                }
            }
        }
        if (from < changes.size()) {
            execute(c, table.upsertSql(), changes.subList(from, changes.size()));
        }
    }

    private static int bind(PreparedStatement ps, Change ch, int first) throws SQLException {
        int i = first;
        for (Object k : ch.key()) {
            ps.setObject(i++, k);
        }
        if (ch.values() != null) {
            for (Object v : ch.values()) {
                ps.setObject(i++, v);
            }
        }
        return i;
    }

    private static void execute(Connection c, String sql, List<Change> changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Change ch : changes) {
                bind(ps, ch, 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
