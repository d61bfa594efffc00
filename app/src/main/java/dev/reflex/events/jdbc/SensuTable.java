package dev.reflex.events.jdbc;

/**
 * The tables of migrations V30 and V41 that hold the event processor's state, each with its key columns and
 * the upsert and delete statements the write-behind uses (the same SQL on SQLite and PostgreSQL): a
 * one-row upsert, multi-row upserts of a few fixed sizes and a one-row delete.
 */
enum SensuTable {
    RESULTS("sensu_results", new String[] {"client", "check_name"}, new String[] {"body"}),
    EVENTS("sensu_events", new String[] {"client", "check_name"}, new String[] {"body"}),
    AGGREGATES("sensu_aggregates", new String[] {"aggregate", "client", "check_name"}, new String[0]),
    CLIENTS("sensu_clients", new String[] {"name"}, new String[] {"body"}),
    SIGNATURES("sensu_signatures", new String[] {"name"}, new String[] {"signature"}),
    SILENCES("sensu_silences", new String[] {"id"}, new String[] {"body", "expires_at"}),
    STASHES("sensu_stashes", new String[] {"path"}, new String[] {"body", "expires_at"});

    private final String upsert;
    private final String delete;
    private final String head;
    private final String tail;
    private final String[] multiRow = new String[MultiRow.SIZES.length];

    /** How many rows one multi-row upsert holds, largest first (a few fixed sizes, so statements are reused). */
    static final class MultiRow {
        static final int[] SIZES = {128, 32, 8};

        private MultiRow() {
        }
    }
    private final int keys;
    private final int values;

    SensuTable(String name, String[] keyColumns, String[] valueColumns) {
        this.keys = keyColumns.length;
        this.values = valueColumns.length;
        String all = String.join(", ", keyColumns) + (values == 0 ? "" : ", " + String.join(", ", valueColumns));
        String marks = "?" + ", ?".repeat(keys + values - 1);
        this.head = "INSERT INTO " + name + " (" + all + ") VALUES ";
        StringBuilder u = new StringBuilder(" ON CONFLICT (" + String.join(", ", keyColumns) + ") DO ");
        if (values == 0) {
            u.append("NOTHING");
        } else {
            u.append("UPDATE SET ");
            for (int i = 0; i < values; i++) {
                u.append(i == 0 ? "" : ", ").append(valueColumns[i]).append(" = excluded.").append(valueColumns[i]);
            }
        }
        this.tail = u.toString();
        this.upsert = head + "(" + marks + ")" + tail;
        for (int i = 0; i < MultiRow.SIZES.length; i++) {
            StringBuilder m = new StringBuilder(head);
            for (int r = 0; r < MultiRow.SIZES[i]; r++) {
                m.append(r == 0 ? "(" : ", (").append(marks).append(')');
            }
            multiRow[i] = m.append(tail).toString();
        }
        StringBuilder d = new StringBuilder("DELETE FROM " + name + " WHERE ");
        for (int i = 0; i < keys; i++) {
            d.append(i == 0 ? "" : " AND ").append(keyColumns[i]).append(" = ?");
        }
        this.delete = d.toString();
    }

    String upsertSql() {
        return upsert;
    }

    /**
     * The upsert of {@code MultiRow.SIZES[sizeIndex]} rows in one statement (the rows must have
     * distinct keys: one statement cannot update a row twice on PostgreSQL).
     */
    String upsertSql(int sizeIndex) {
        return multiRow[sizeIndex];
    }

    String deleteSql() {
        return delete;
    }

    int keyCount() {
        return keys;
    }

    int valueCount() {
        return values;
    }
}
