package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.DeepMerge;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.Tokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges client keepalives, as Sensu's {@code client_monitor} does every 30 seconds: for each
 * client that has keepalives (not {@code keepalives: false}) it builds a {@code keepalive} check
 * result, which then goes through the event processor like any result.
 *
 * <p>The keepalive check is {@code {thresholds: {warning: 120, critical: 180}}}, plus
 * {@code handler: "keepalive"} when such a handler is configured, deep-merged with the
 * {@code sensu.keepalives} settings and then the client's {@code keepalive} settings, named
 * {@code keepalive}, issued and executed now, with client tokens substituted. With the age of the
 * client's last keepalive in seconds: at or past critical, status 2 and
 * {@code "No keepalive sent from client for N seconds (>=critical)"}; at or past warning, status 1 and
 * the same text with the warning threshold; otherwise status 0 and
 * {@code "Keepalive sent from client N seconds ago"}. Unmatched tokens append
 * {@code " - Unmatched client token(s): a, b"} and raise status 0 to 1.
 */
public final class KeepaliveMonitor {

    /** How often Sensu sweeps clients. */
    public static final java.time.Duration SWEEP_INTERVAL = java.time.Duration.ofSeconds(30);

    private final Supplier<SensuSettings> settings;
    private final ClientRegistry clients;
    private final Clock clock;

    /** A monitor over the clients of {@code clients}. */
    public KeepaliveMonitor(Supplier<SensuSettings> settings, ClientRegistry clients, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
    }

    /** The keepalive results for every monitored client, in name order. */
    public List<CheckResult> sweep() {
        List<CheckResult> results = new ArrayList<>();
        for (String name : clients.names()) {
            clients.get(name).flatMap(this::result).ifPresent(results::add);
        }
        return results;
    }

    /** The keepalive result for one client, or empty when it is not monitored (or never reported). */
    public Optional<CheckResult> result(Map<String, Object> client) {
        if (Boolean.FALSE.equals(client.get("keepalives"))) {
            return Optional.empty();
        }
        Long timestamp = JsonValues.asLong(client.get("timestamp"));
        if (timestamp == null) {
            return Optional.empty();
        }
        SensuSettings s = settings.get();
        Map<String, Object> check = new LinkedHashMap<>();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("warning", 120L);
        thresholds.put("critical", 180L);
        check.put("thresholds", thresholds);
        if (s.handlerConfigured("keepalive")) {
            check.put("handler", "keepalive");
        }
        if (!s.keepalives().isEmpty()) {
            check = DeepMerge.merge(check, s.keepalives());
        }
        if (client.get("keepalive") instanceof Map<?, ?> own) {
            check = DeepMerge.merge(check, JsonValues.asMap(own));
        }
        long now = clock.instant().getEpochSecond();
        check.put("name", "keepalive");
        check.put("issued", now);
        check.put("executed", now);
        Tokens.Substitution<Map<String, Object>> substituted = Tokens.substituteMap(check, client);
        check = new LinkedHashMap<>(substituted.value());

        long age = now - timestamp;
        Map<String, Object> t = JsonValues.asMap(check.get("thresholds"));
        long critical = threshold(t, "critical", 180);
        long warning = threshold(t, "warning", 120);
        String output;
        long status;
        if (age >= critical) {
            output = "No keepalive sent from client for " + age + " seconds (>=" + critical + ")";
            status = 2;
        } else if (age >= warning) {
            output = "No keepalive sent from client for " + age + " seconds (>=" + warning + ")";
            status = 1;
        } else {
            output = "Keepalive sent from client " + age + " seconds ago";
            status = 0;
        }
        if (!substituted.complete()) {
            output += " - Unmatched client token(s): " + String.join(", ", substituted.unmatched());
            if (status == 0) {
                status = 1;
            }
        }
        check.put("output", output);
        check.put("status", status);
        String name = String.valueOf(client.get("name"));
        String signature = clients.signature(name).filter(sig -> !sig.isEmpty()).orElse(null);
        return Optional.of(new CheckResult(name, check, signature));
    }

    private static long threshold(Map<String, Object> thresholds, String key, long fallback) {
        Long value = thresholds == null ? null : JsonValues.asLong(thresholds.get(key));
        return value == null ? fallback : value;
    }
}
