package dev.reflex.events.jdbc;

/**
 * The tables of migration V30 that hold the event processor's state, each with its key columns and
 * the upsert and delete statements the write-behind uses (the same SQL on SQLite and PostgreSQL).
 */
enum SensuTable {
    RESULTS("sensu_results", new String[] {"client", "check_name"}, new String[] {"body"}),
    EVENTS("sensu_events", new String[] {"client", "check_name"}, new String[] {"body"}),
    AGGREGATES("sensu_aggregates", new String[] {"aggregate", "client", "check_name"}, new String[0]),
    CLIENTS("sensu_clients", new String[] {"name"}, new String[] {"body"}),
    SIGNATURES("sensu_signatures", new String[] {"name"}, new String[] {"signature"}),
    SILENCES("sensu_silences", new String[] {"id"}, new String[] {"body", "expires_at"});

    private final String upsert;
    private final String delete;
    private final int keys;
    private final int values;

    SensuTable(String name, String[] keyColumns, String[] valueColumns) {
        this.keys = keyColumns.length;
        this.values = valueColumns.length;
        String all = String.join(", ", keyColumns) + (values == 0 ? "" : ", " + String.join(", ", valueColumns));
        String marks = "?" + ", ?".repeat(keys + values - 1);
        StringBuilder u = new StringBuilder("INSERT INTO " + name + " (" + all + ") VALUES (" + marks + ") ON CONFLICT ("
                + String.join(", ", keyColumns) + ") DO ");
        if (values == 0) {
            u.append("NOTHING");
        } else {
            u.append("UPDATE SET ");
            for (int i = 0; i < values; i++) {
                u.append(i == 0 ? "" : ", ").append(valueColumns[i]).append(" = excluded.").append(valueColumns[i]);
            }
        }
        this.upsert = u.toString();
        StringBuilder d = new StringBuilder("DELETE FROM " + name + " WHERE ");
        for (int i = 0; i < keys; i++) {
            d.append(i == 0 ? "" : " AND ").append(keyColumns[i]).append(" = ?");
        }
        this.delete = d.toString();
    }

    String upsertSql() {
        return upsert;
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
