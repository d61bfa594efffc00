package dev.reflex.events.jdbc;

import dev.reflex.checks.JsonValues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Sensu's stashes: a JSON object kept under a path, with an optional expiry, in memory and written
 * to the store ({@code sensu_stashes}) through the {@link WriteBehind}. An expired stash is gone at
 * once (judged on the clock, in whole seconds as Redis counts a TTL); its row is removed the next
 * time it is looked at, or skipped at the next start.
 */
public final class DurableStashes {

    /**
     * One stash.
     *
     * @param path      where it is kept
     * @param content   the JSON object
     * @param expiresAt when it expires (epoch seconds), or null for never
     */
    public record Stash(String path, Map<String, Object> content, Long expiresAt) {

        /** Seconds left before it expires, as Redis's TTL says them: -1 for a stash that never expires. */
        public long ttl(long now) {
            return expiresAt == null ? -1 : Math.max(0, expiresAt - now);
        }

        boolean expired(long now) {
            return expiresAt != null && expiresAt <= now;
        }
    }

    private final ConcurrentSkipListMap<String, Stash> stashes = new ConcurrentSkipListMap<>();
    private final WriteBehind writes;
    private final Clock clock;

    DurableStashes(WriteBehind writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** Puts a row read at start back in memory, unless it has expired. */
    void restore(String path, String body, Long expiresAt) {
        Stash s = new Stash(path, JsonValues.asMap(JsonValues.read(body)), expiresAt);
        if (!s.expired(now())) {
            stashes.put(path, s);
        }
    }

    /**
     * Keeps {@code content} under {@code path}, replacing what was there (and its expiry).
     *
     * @param expireSeconds seconds from now until it expires, or null for never
     */
    public void put(String path, Map<String, Object> content, Long expireSeconds) {
        Long expiresAt = expireSeconds == null ? null : now() + expireSeconds;
        Stash s = new Stash(path, content, expiresAt);
        stashes.put(path, s);
        writes.put(SensuTable.STASHES, new Object[] {path}, RowJson.write(content), expiresAt);
    }

    /** The live stash under {@code path}. */
    public Optional<Stash> get(String path) {
        Stash s = stashes.get(path);
        if (s != null && s.expired(now())) {
            forget(s);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    /** Deletes the stash under {@code path}; true if a live one was there. */
    public boolean delete(String path) {
        Stash s = stashes.remove(path);
        if (s == null) {
            return false;
        }
        writes.delete(SensuTable.STASHES, path);
        return !s.expired(now());
    }

    /** Every live stash, sorted by path. */
    public List<Stash> list() {
        long now = now();
        List<Stash> live = new ArrayList<>();
        for (Stash s : stashes.values()) {
            if (s.expired(now)) {
                forget(s);
            } else {
                live.add(s);
            }
        }
        return live;
    }

    /** Seconds since the epoch on the clock. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    private void forget(Stash s) {
        if (stashes.remove(s.path(), s)) {
            writes.delete(SensuTable.STASHES, s.path());
        }
    }
}
