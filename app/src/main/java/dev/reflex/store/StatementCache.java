package dev.reflex.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the writer connection's prepared statements open between writes.
 *
 * <p>Every {@link Store.Write} prepares its statements with {@code prepareStatement(sql)} and closes
 * them when done, as JDBC code should. On SQLite each prepare compiles the SQL again, which was half
 * the cost of an insert on the writer thread. The connection returned by {@link #wrap} answers
 * {@code prepareStatement(String)} from a cache keyed by the SQL text; closing such a statement
 * clears its parameters and returns it to the cache instead of finalizing it. A statement that threw
 * is closed for real and dropped, so a statement left in an unknown state is never handed out
 * again. A statement still in use when the same SQL is prepared again (a nested use) is not shared:
 * the second caller gets a fresh, uncached one. The least recently used statement is closed once
 * more than the capacity are cached. Every other call goes to the real connection unchanged; closing
 * the connection closes the cached statements first. Settings of a statement other than its
 * parameters (maximum rows, query timeout, fetch size) are not reset on its return: none of the
 * store's writes sets them, and a write that did would have to set them back.
 *
 * <p>Not thread-safe: like the connection it wraps, it belongs to the store's one writer thread.
 */
final class StatementCache implements InvocationHandler {

    /** Statements kept per connection: the store's writes use a few dozen distinct SQL texts. */
    static final int DEFAULT_CAPACITY = 128;

    private final Connection target;
    private final int capacity;
    private final Map<String, Entry> entries;
    private long hits;
    private long misses;

    private StatementCache(Connection target, int capacity) {
        this.target = target;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(32, 0.75f, true);
    }

    /** The connection with its prepared statements cached, up to {@code capacity} of them. */
    static Connection wrap(Connection target, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the statement cache needs room for at least one statement, not " + capacity);
        }
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StatementCache(target, capacity));
    }

    /** The cache behind a connection made by {@link #wrap}, or null for any other connection. */
    static StatementCache of(Connection c) {
        return Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof StatementCache cache ? cache : null;
    }

    /** How many prepares were answered from the cache. */
    long hits() {
        return hits;
    }

    /** How many prepares compiled a statement. */
    long misses() {
        return misses;
    }

    /** How many statements are cached now. */
    int size() {
        return entries.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args.length == 1 && args[0] instanceof String sql) {
            return prepare(sql);
        }
        if (name.equals("close") && (args == null || args.length == 0)) {
            closeAll();
            target.close();
            return null;
        }
        if (args != null && args.length == 1 && name.equals("unwrap") && args[0] instanceof Class<?> type
                && type.isInstance(proxy)) {
            return proxy;
        }
        if (name.equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (name.equals("hashCode") && (args == null || args.length == 0)) {
            return System.identityHashCode(proxy);
        }
        if (name.equals("toString") && (args == null || args.length == 0)) {
            return "StatementCache[" + entries.size() + " statements] over " + target;
        }
        return call(target, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Entry entry = entries.get(sql);
        if (entry != null && !entry.inUse) {
            entry.inUse = true;
            hits++;
            return entry.proxy;
        }
        misses++;
        PreparedStatement real = target.prepareStatement(sql);
        if (entry != null) {
            // The cached one is in use (a write prepared the same SQL twice): this one is not cached.
            return real;
        }
        Entry fresh = new Entry(sql, real);
        fresh.inUse = true;
        entries.put(sql, fresh);
        evictBeyondCapacity();
        return fresh.proxy;
    }

    private void evictBeyondCapacity() throws SQLException {
        if (entries.size() <= capacity) {
            return;
        }
        List<Entry> idle = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (entries.size() - idle.size() <= capacity) {
                break;
            }
            if (!e.inUse) {
                idle.add(e);
            }
        }
        for (Entry e : idle) {
            entries.remove(e.sql);
            e.real.close();
        }
    }

    private void closeAll() {
        for (Entry e : entries.values()) {
            try {
                e.real.close();
            } catch (SQLException ex) {
                // The connection closes next; a statement that cannot close is gone with it.
            }
        }
        entries.clear();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One cached statement and the proxy handed to writes. */
    private final class Entry implements InvocationHandler {
        final String sql;
        final PreparedStatement real;
        final PreparedStatement proxy;
        boolean inUse;
        /** The last result set this statement returned: closed on release, which resets the statement. */
        ResultSet results;

        Entry(String sql, PreparedStatement real) {
            this.sql = sql;
            this.real = real;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean noArgs = args == null || args.length == 0;
            if (name.equals("close") && noArgs) {
                release();
                return null;
            }
            if (name.equals("isClosed") && noArgs) {
                return !inUse || real.isClosed();
            }
            if (name.equals("equals") && args != null && args.length == 1) {
                return self == args[0];
            }
            if (name.equals("hashCode") && noArgs) {
                return System.identityHashCode(self);
            }
            if (name.equals("toString") && noArgs) {
                return "cached statement: " + sql;
            }
            if (!inUse) {
                throw new SQLException("the statement is closed");
            }
            try {
                Object out = call(real, method, args);
                if (out instanceof ResultSet rs) {
                    results = rs;
                }
                return out;
            } catch (SQLException | RuntimeException | Error e) {
                // Its state is unknown now: it is closed for real when the write closes it.
                entries.remove(sql, this);
                throw e;
            }
        }

        private void release() throws SQLException {
            if (!inUse) {
                return;
            }
            inUse = false;
            if (entries.get(sql) != this) {
                // Dropped after a failure, or evicted while in use: finalize it now.
                real.close();
                return;
            }
            try {
                ResultSet rs = results;
                results = null;
                if (rs != null && !rs.isClosed()) {
                    rs.close();
                }
                real.clearParameters();
                real.clearBatch();
            } catch (SQLException e) {
                entries.remove(sql, this);
                real.close();
            }
        }
    }
}
