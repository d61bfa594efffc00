package dev.reflex.workflows.inquiry;

import dev.reflex.store.Store;
import dev.reflex.store.StoreException;
import dev.reflex.template.PyJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code inquiry} table: one row per inquiry, its question and answer as a JSON document, with
 * the status and expiry time as columns for the expiry sweep. Writes are durable on return.
 */
public final class InquiryRepository {

    private static final String UPSERT = "INSERT INTO inquiry (id, parent_id, status, expires_at, doc) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, "
            + "expires_at = excluded.expires_at, doc = excluded.doc";

    private final Store store;

    /** The inquiries kept in {@code store}. */
    public InquiryRepository(Store store) {
        this.store = store;
    }

    /** Records an inquiry, or its new state; durable on return. */
    public void save(Inquiry q) {
        String doc = PyJson.dumps(toDoc(q));
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, q.id());
                ps.setString(2, q.parentId());
                ps.setString(3, q.status());
                if (q.expiresAt() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, q.expiresAt().toEpochMilli());
                }
                ps.setString(5, doc);
                return ps.executeUpdate();
            }
        });
    }

    /** The inquiry with this id. */
    public Optional<Inquiry> find(String id) {
        List<Inquiry> found = query("SELECT id, parent_id, status, expires_at, doc FROM inquiry WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The inquiries in a status, oldest first. */
    public List<Inquiry> inStatus(String status) {
        return query("SELECT id, parent_id, status, expires_at, doc FROM inquiry WHERE status = ? ORDER BY id", status);
    }

    /** The pending inquiries whose expiry time is at or before {@code now}. */
    public List<Inquiry> expired(Instant now) {
        return query("SELECT id, parent_id, status, expires_at, doc FROM inquiry WHERE status = 'pending' "
                + "AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at", now.toEpochMilli());
    }

    private List<Inquiry> query(String sql, Object arg) {
        try (Connection c = store.readers().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            List<Inquiry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long expires = rs.getLong(4);
                    Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                    out.add(fromDoc(rs.getString(1), rs.getString(2), rs.getString(3), at, rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading inquiries failed", e);
        }
    }

    private static Map<String, Object> toDoc(Inquiry q) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schema", q.schema());
        d.put("roles", q.roles());
        d.put("users", q.users());
        d.put("route", q.route());
        d.put("ttl", q.ttl());
        d.put("response", q.response());
        d.put("responded_by", q.respondedBy());
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Inquiry fromDoc(String id, String parentId, String status, Instant expiresAt, String doc) {
        Map<String, Object> d = (Map<String, Object>) PyJson.loads(doc);
        Object schema = d.get("schema");
        return new Inquiry(id, parentId, status, expiresAt, schema instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                strings(d.get("roles")), strings(d.get("users")), (String) d.get("route"),
                d.get("ttl") instanceof Number n ? n.longValue() : 0, (Map<String, Object>) d.get("response"),
                (String) d.get("responded_by"));
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
