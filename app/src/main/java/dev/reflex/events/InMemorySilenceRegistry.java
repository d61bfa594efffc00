package dev.reflex.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SilenceRegistry} in memory; expiry is judged on the injected clock. */
public final class InMemorySilenceRegistry implements SilenceRegistry {

    private final Map<String, SilenceEntry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A registry whose entries expire according to {@code clock}. */
    public InMemorySilenceRegistry(Clock clock) {
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private SilenceEntry live(String id) {
        SilenceEntry e = entries.get(id);
        if (e != null && e.expired(now())) {
            entries.remove(id, e);
            return null;
        }
        return e;
    }

    @Override
    public void put(SilenceEntry entry) {
        entries.put(entry.id(), entry);
    }

    @Override
    public Optional<SilenceEntry> get(String id) {
        return Optional.ofNullable(live(id));
    }

    @Override
    public List<SilenceEntry> getAll(List<String> ids) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<SilenceEntry> out = new ArrayList<>();
        for (String id : ids) {
            SilenceEntry e = live(id);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public boolean delete(String id) {
        SilenceEntry e = live(id);
        return e != null && entries.remove(id, e);
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public List<SilenceEntry> list() {
        List<SilenceEntry> out = new ArrayList<>();
        for (String id : List.copyOf(entries.keySet())) {
            SilenceEntry e = live(id);
            if (e != null) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(SilenceEntry::id));
        return out;
    }
}
