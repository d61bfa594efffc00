package dev.reflex.runners.remote;

import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Authenticated SSH sessions kept open for reuse, one per user, host, port, route and credentials,
 * so that a second command to the same host does not connect again. Several executions may use a
 * session at once (one channel each). A session unused for longer than the idle expiry, measured on
 * the injected clock, is closed by {@link #evictIdle()}; a closed or broken one is replaced on the
 * next {@link #acquire}.
 */
final class SshSessionPool implements AutoCloseable {

    /** What a pooled session is for; {@link #toString()} shows {@code user@host:port} only. */
    record Key(String user, String host, int port, String route, String credentials) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + (route.isEmpty() ? "" : " via " + route);
        }
    }

    /** Opens a new authenticated session. */
    @FunctionalInterface
    interface Connector {
        ClientSession connect() throws IOException;
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idleExpiry;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong reuses = new AtomicLong();

    SshSessionPool(Clock clock, Duration idleExpiry) {
        this.clock = clock;
        this.idleExpiry = idleExpiry;
    }

    /** A lease on an open session for {@code key}, connecting with {@code connector} if there is none. */
    Lease acquire(Key key, Connector connector) throws IOException {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        slot.lock.lock();
        try {
            if (slot.session != null && (!slot.session.isOpen() || slot.session.isClosing() || expired(slot))) {
                slot.session.close(true);
                slot.session = null;
            }
            if (slot.session == null) {
                slot.session = connector.connect();
                connects.incrementAndGet();
            } else {
                reuses.incrementAndGet();
            }
            slot.leases++;
            return new Lease(slot, slot.session);
        } finally {
            slot.lock.unlock();
        }
    }

    /** Closes the sessions that nobody uses and that have been idle longer than the expiry; returns how many. */
    int evictIdle() {
        int closed = 0;
        for (Slot slot : slots.values()) {
            if (slot.lock.tryLock()) {
                try {
                    if (slot.session != null && expired(slot)) {
                        slot.session.close(true);
                        slot.session = null;
                        closed++;
                    }
                } finally {
                    slot.lock.unlock();
                }
            }
        }
        return closed;
    }

    /** How many sessions were opened so far. */
    long connects() {
        return connects.get();
    }

    /** How many leases reused an open session. */
    long reuses() {
        return reuses.get();
    }

    /** How many sessions are open now. */
    int openSessions() {
        return (int) slots.values().stream().filter(s -> s.session != null && s.session.isOpen()).count();
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            slot.lock.lock();
            try {
                if (slot.session != null) {
                    slot.session.close(true);
                    slot.session = null;
                }
            } finally {
                slot.lock.unlock();
            }
        }
        slots.clear();
    }

    private boolean expired(Slot slot) {
        return slot.leases == 0 && slot.lastUsed != null && !clock.instant().isBefore(slot.lastUsed.plus(idleExpiry));
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        ClientSession session;
        int leases;
        Instant lastUsed;
    }

    /** The use of one pooled session by one execution on one host; close it when done. */
    final class Lease implements AutoCloseable {
        private final Slot slot;
        private final ClientSession session;
        private boolean closed;

        private Lease(Slot slot, ClientSession session) {
            this.slot = slot;
            this.session = session;
        }

        ClientSession session() {
            return session;
        }

        /** Drops the session from the pool, for a connection that turned out broken. */
        void invalidate() {
            slot.lock.lock();
            try {
                if (slot.session == session) {
                    slot.session = null;
                }
            } finally {
                slot.lock.unlock();
            }
            session.close(true);
        }

        @Override
        public void close() {
            slot.lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    slot.leases--;
                    slot.lastUsed = clock.instant();
                }
            } finally {
                slot.lock.unlock();
            }
        }
    }
}
