package dev.reflex.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The key-value datastore in the {@code kv_pair} table: writes go through the store's writer, reads
 * through its reader pool, expiry is judged by the injected clock, and secret values are sealed by a
 * {@link SecretBox} before they reach SQL.
 */
final class JdbcKeyValueStore implements KeyValueStore {

    private static final String COLUMNS = "SELECT name, value, secret, expires_at, updated_at FROM kv_pair";
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
    private static final String UPSERT = "INSERT INTO kv_pair (name, value, secret, expires_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
            + "secret = excluded.secret, expires_at = excluded.expires_at, updated_at = excluded.updated_at";

    private final Store store;
    private final Clock clock;
    private final SecretBox secrets;

    JdbcKeyValueStore(Store store, Clock clock, Path keyFile) {
        this.store = store;
        this.clock = clock;
        this.secrets = new SecretBox(keyFile, this::anyStoredSecret);
    }

    @Override
    public Optional<KeyValue> get(String name) {
        requireName(name);
        List<KeyValue> found = query(COLUMNS + " WHERE name = ? AND " + LIVE, "reading key " + name, name,
                clock.millis());
        return found.stream().findFirst();
    }

    @Override
    public List<KeyValue> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        long now = clock.millis();
        if (prefix.isEmpty()) {
            return query(COLUMNS + " WHERE " + LIVE + " ORDER BY name", "listing keys", now);
        }
        return query(COLUMNS + " WHERE " + LIVE + " AND substr(name, 1, ?) = ? ORDER BY name",
                "listing keys under " + prefix, now, prefix.codePointCount(0, prefix.length()), prefix);
    }

    @Override
    public KeyValue put(String name, String value, boolean secret, Duration ttl) {
        requireName(name);
        Objects.requireNonNull(value, "value");
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("the time to live of " + name + " must be positive, got " + ttl);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = ttl == null ? null : now.plus(ttl).truncatedTo(ChronoUnit.MILLIS);
        String stored = secret ? secrets.seal(name, value) : value;
        store.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, name);
                ps.setString(2, stored);
                ps.setBoolean(3, secret);
                ps.setObject(4, expiresAt == null ? null : expiresAt.toEpochMilli(), Types.BIGINT);
                ps.setLong(5, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return new KeyValue(name, value, secret, expiresAt, now);
    }

    @Override
    public boolean delete(String name) {
        requireName(name);
        long now = clock.millis();
        return store.write(c -> {
            int live = update(c, "DELETE FROM kv_pair WHERE name = ? AND " + LIVE, name, now);
            if (live == 0) {
                update(c, "DELETE FROM kv_pair WHERE name = ?", name);
            }
            return live > 0;
        });
    }

    @Override
    public int purgeExpired() {
        long now = clock.millis();
        return store.write(c -> update(c, "DELETE FROM kv_pair WHERE expires_at IS NOT NULL AND expires_at <= ?", now));
    }

    private Optional<SecretBox.Sealed> anyStoredSecret() {
        try (Connection c = store.readers().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, value FROM kv_pair WHERE secret = ? LIMIT 1")) {
            ps.setBoolean(1, true);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SecretBox.Sealed(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("looking for stored secrets failed", e);
        }
    }

    private List<KeyValue> query(String sql, String what, Object... parameters) {
        List<KeyValue> rows = new ArrayList<>();
        try (Connection c = store.readers().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
        return rows;
    }

    private KeyValue row(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        boolean secret = rs.getBoolean(3);
        long expires = rs.getLong(4);
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        String value = secret ? secrets.open(name, rs.getString(2)) : rs.getString(2);
        return new KeyValue(name, value, secret, expiresAt, Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a key name must not be empty");
        }
    }
}
