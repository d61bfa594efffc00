package dev.reflex.checks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a check runs and what a request carries: the scheduling math a server scheduler (for
 * subscription checks) and an agent (for standalone checks) share.
 *
 * <ul>
 *   <li>A check with {@code cron} runs at each cron match; after each run it is scheduled again.</li>
 *   <li>Otherwise it first runs after Sensu's deterministic {@link Splay} (key: the check name on the
 *       server, {@code client:check} on a client), then every {@code interval} seconds.</li>
 *   <li>A run inside a {@code subdue} window is skipped (no request, no execution).</li>
 *   <li>A request is the definition without {@code subscribers} and {@code interval}, plus
 *       {@code issued}; subscriptions prefixed {@code roundrobin:} or {@code direct:} go to one
 *       consumer, the others to every subscribed client.</li>
 * </ul>
 */
public final class CheckSchedule {

    private CheckSchedule() {
    }

    /**
     * The delay before the first run.
     *
     * @param client the client name for a standalone check run by that client, or null on the server
     * @return empty when the check has neither a valid cron nor an interval
     */
    public static Optional<Duration> firstDelay(CheckDefinition check, String client, Instant now, ZoneId zone) {
        if (check.cron() != null) {
            return CronSchedule.parse(check.cron()).delayFrom(now.atZone(zone));
        }
        if (check.interval() == null || check.interval() <= 0) {
            return Optional.empty();
        }
        String key = client == null ? Splay.serverKey(check.name()) : Splay.standaloneKey(client, check.name());
        return Optional.of(Duration.ofMillis(Splay.firstDelayMillis(key, now.toEpochMilli(), check.interval())));
    }

    /** The delay from a run (at {@code now}) to the next one: the interval, or the next cron match. */
    public static Optional<Duration> nextDelay(CheckDefinition check, Instant now, ZoneId zone) {
        if (check.cron() != null) {
            return CronSchedule.parse(check.cron()).delayFrom(now.atZone(zone));
        }
        return check.interval() == null || check.interval() <= 0
                ? Optional.empty() : Optional.of(Duration.ofSeconds(check.interval()));
    }

    /** True when the check is subdued at {@code now} (local times in {@code zone}). */
    public static boolean subdued(CheckDefinition check, Instant now, ZoneId zone) {
        return check.subdue() != null && check.subdue().isActive(now, zone);
    }

    /** The check request published for a run at {@code issuedAt} (epoch seconds). */
    public static Map<String, Object> request(CheckDefinition check, long issuedAt) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", check.name());
        check.attributes().forEach((k, v) -> {
            if (!k.equals("subscribers") && !k.equals("interval")) {
                request.put(k, v);
            }
        });
        request.put("issued", issuedAt);
        return request;
    }

    /** True when requests for this subscription go to exactly one consumer ({@code roundrobin:} or {@code direct:}). */
    public static boolean singleConsumer(String subscription) {
        int colon = subscription.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String type = subscription.substring(0, colon);
        return type.equals("roundrobin") || type.equals("direct");
    }

    /**
     * The gap between proxy requests spread over the interval: {@code interval * coverage% / clients}
     * seconds (0 when splay is off or there are no clients).
     */
    public static double proxySplayStep(CheckDefinition check, double intervalSeconds, int clients) {
        CheckDefinition.ProxyRequests proxy = check.proxyRequests();
        if (proxy == null || !proxy.splay() || clients <= 0) {
            return 0;
        }
        return intervalSeconds * (proxy.splayCoverage() / 100.0) / clients;
    }
}
