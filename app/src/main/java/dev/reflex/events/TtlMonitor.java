package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds stale results, as Sensu's {@code check_result_monitor} does every 30 seconds: for each pair
 * in the TTL set whose stored result has a {@code ttl} and an {@code executed} time and no
 * {@code force_resolve}, when {@code now - executed >= ttl} and the client has no {@code keepalive}
 * event, it builds a result from the stored one with output
 * {@code "Last check execution was N seconds ago"}, status {@code ttl_status} (default 1) and
 * {@code interval} set to the sweep interval. {@code executed} is unchanged, so the TTL result
 * repeats on every sweep until a fresh result arrives. Pairs whose result is gone leave the set.
 */
public final class TtlMonitor {

    /** Sensu's sweep interval in seconds, also written into TTL results. */
    public static final int SWEEP_INTERVAL_SECONDS = 30;

    private final EventState state;
    private final ClientRegistry clients;
    private final Clock clock;

    /** A monitor over the TTL set of {@code state}. */
    public TtlMonitor(EventState state, ClientRegistry clients, Clock clock) {
        this.state = state;
        this.clients = clients;
        this.clock = clock;
    }

    /** The TTL results due now, with Sensu's 30-second interval. */
    public List<CheckResult> sweep() {
        return sweep(SWEEP_INTERVAL_SECONDS);
    }

    /** The TTL results due now; {@code interval} is the sweep interval written into them. */
    public List<CheckResult> sweep(int interval) {
        long now = clock.instant().getEpochSecond();
        List<CheckResult> results = new ArrayList<>();
        for (ResultKey key : state.ttlKeys().stream().sorted().toList()) {
            Optional<ResultFacts> facts = state.resultFacts(key);
            if (facts.isEmpty()) {
                state.removeTtl(key);
                continue;
            }
            Long ttl = facts.get().ttl();
            Long executed = facts.get().executed();
            if (ttl == null || executed == null || facts.get().forceResolve()) {
                continue;
            }
            long age = now - executed;
            if (age < ttl || state.eventFacts(new ResultKey(key.client(), "keepalive")).isPresent()) {
                continue;
            }
            Optional<Map<String, Object>> stored = state.result(key); // only now the whole result
            if (stored.isEmpty()) {
                continue;
            }
            Map<String, Object> check = stored.get();
            Map<String, Object> stale = new LinkedHashMap<>(check);
            stale.put("output", "Last check execution was " + age + " seconds ago");
            Object ttlStatus = check.get("ttl_status");
            stale.put("status", JsonValues.truthy(ttlStatus) ? ttlStatus : 1L);
            stale.put("interval", (long) interval);
            String signature = clients.signature(key.client()).filter(s -> !s.isEmpty()).orElse(null);
            results.add(new CheckResult(key.client(), stale, signature));
        }
        return results;
    }
}
