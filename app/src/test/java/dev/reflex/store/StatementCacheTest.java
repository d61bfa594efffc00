package dev.reflex.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer connection's statement cache, over a real SQLite file. */
class StatementCacheTest {

    private static final String INSERT = "INSERT INTO t (k, v) VALUES (?, ?)";

    @TempDir
    Path dir;

    private Connection raw;
    private Connection c;
    private StatementCache cache;

    @BeforeEach
    void open() throws SQLException {
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
        }
        c = StatementCache.wrap(raw, 2);
        cache = StatementCache.of(c);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void aClosedStatementIsHandedOutAgainWithItsParametersCleared() throws SQLException {
        insert("a", "first");
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, "b");
            // v is not bound this time: it must be NULL, not the previous write's value.
            ps.executeUpdate();
        }
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(rows()).containsExactly("a=first", "b=null");
    }

    @Test
    void theSameSqlPreparedTwiceAtOnceGivesTwoStatements() throws SQLException {
        try (PreparedStatement outer = c.prepareStatement(INSERT); PreparedStatement inner = c.prepareStatement(INSERT)) {
            assertThat(inner).isNotSameAs(outer);
            outer.setString(1, "a");
            outer.setString(2, "outer");
            inner.setString(1, "b");
            inner.setString(2, "inner");
            inner.executeUpdate();
            outer.executeUpdate();
        }
        try (PreparedStatement again = c.prepareStatement(INSERT)) {
            again.setString(1, "c");
            again.setString(2, "again");
            again.executeUpdate();
        }
        assertThat(rows()).containsExactly("a=outer", "b=inner", "c=again");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aStatementThatFailedIsNotReused() throws SQLException {
        insert("a", "x");
        PreparedStatement failed = c.prepareStatement(INSERT);
        failed.setString(1, "a");
        failed.setString(2, "duplicate");
        assertThatThrownBy(failed::executeUpdate).isInstanceOf(SQLException.class);
        failed.close();
        assertThat(cache.size()).isZero();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            assertThat(ps).isNotSameAs(failed);
            ps.setString(1, "b");
            ps.setString(2, "y");
            ps.executeUpdate();
        }
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(rows()).containsExactly("a=x", "b=y");
    }

    @Test
    void aClosedStatementCannotBeUsedAndReportsClosed() throws SQLException {
        PreparedStatement ps = c.prepareStatement(INSERT);
        ps.close();
        assertThat(ps.isClosed()).isTrue();
        assertThatThrownBy(() -> ps.setString(1, "a")).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void aQueryLeftOpenIsResetWhenItsStatementIsClosed() throws SQLException {
        insert("a", "1");
        insert("b", "2");
        String select = "SELECT v FROM t ORDER BY k";
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            // The result set is left open on purpose.
        }
        try (PreparedStatement ps = c.prepareStatement(select); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
        }
        assertThat(cache.hits()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedIdleStatementIsClosedBeyondTheCapacity() throws SQLException {
        PreparedStatement first = c.prepareStatement("SELECT 1");
        first.close();
        c.prepareStatement("SELECT 2").close();
        c.prepareStatement("SELECT 1").close();
        c.prepareStatement("SELECT 3").close();
        assertThat(cache.size()).isEqualTo(2);
        // "SELECT 2" was the least recently used: preparing it again compiles it again.
        long misses = cache.misses();
        c.prepareStatement("SELECT 2").close();
        assertThat(cache.misses()).isEqualTo(misses + 1);
        c.prepareStatement("SELECT 2").close();
        assertThat(cache.misses()).isEqualTo(misses + 1);
    }

    @Test
    void closingTheConnectionClosesItsStatements() throws SQLException {
        PreparedStatement ps = c.prepareStatement(INSERT);
        ps.close();
        c.close();
        assertThat(raw.isClosed()).isTrue();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anyOtherConnectionHasNoCache() {
        assertThat(StatementCache.of(raw)).isNull();
        assertThatThrownBy(() -> StatementCache.wrap(raw, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void insert(String k, String v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, k);
            ps.setString(2, v);
            ps.executeUpdate();
        }
    }

    private List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT k, v FROM t ORDER BY k")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }
}
