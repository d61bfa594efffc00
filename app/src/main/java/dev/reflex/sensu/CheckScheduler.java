package dev.reflex.sensu;

import dev.reflex.checks.CheckDefinition;
import dev.reflex.checks.CheckExecution;
import dev.reflex.checks.CheckSchedule;
import dev.reflex.checks.SensuSettings;
import dev.reflex.events.AttributeMatcher;
import dev.reflex.events.ClientRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes check requests to subscriptions on Sensu's schedule: the first request of a check after
 * its deterministic splay (or at its next cron match), then every {@code interval} (or at each cron
 * match), none inside a {@code subdue} window, nothing for standalone checks or {@code publish: false}.
 * A check with {@code proxy_requests} gets one request per registered client matching its
 * {@code client_attributes}, with {@code source} set to that client.
 *
 * <p>{@link #tick()} does the work due at the clock's current time; it is not thread-safe and is
 * called from one thread (the service's timer, or a test).
 */
public final class CheckScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);

    private final Supplier<SensuSettings> settings;
    private final AgentHub hub;
    private final ClientRegistry clients;
    private final Clock clock;
    private final Map<String, Instant> due = new HashMap<>();
    private final Map<String, CheckDefinition> scheduled = new HashMap<>();
    private long published;

    public CheckScheduler(Supplier<SensuSettings> settings, AgentHub hub, ClientRegistry clients, Clock clock) {
        this.settings = settings;
        this.hub = hub;
        this.clients = clients;
        this.clock = clock;
    }

    /** Publishes every request due now; returns how many deliveries were made. */
    public int tick() {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        Map<String, CheckDefinition> checks = settings.get().checks();
        due.keySet().removeIf(name -> !checks.containsKey(name) || !checks.get(name).equals(scheduled.get(name)));
        int deliveries = 0;
        for (CheckDefinition check : checks.values()) {
            if (!check.scheduledByServer() || (check.subscribers().isEmpty() && check.proxyRequests() == null)) {
                continue;
            }
            Instant next = due.get(check.name());
            if (next == null) {
                Optional<Duration> first = CheckSchedule.firstDelay(check, null, now, zone);
                if (first.isPresent()) {
                    due.put(check.name(), now.plus(first.get()));
                    scheduled.put(check.name(), check);
                }
                continue;
            }
            if (now.isBefore(next)) {
                continue;
            }
            if (!CheckSchedule.subdued(check, now, zone)) {
                deliveries += publish(check, now, null);
            }
            Instant following = next;
            while (!following.isAfter(now)) {
                Optional<Duration> step = CheckSchedule.nextDelay(check, check.cron() != null ? now : following, zone);
                if (step.isEmpty() || step.get().isZero() || step.get().isNegative()) {
                    following = null;
                    break;
                }
                following = (check.cron() != null ? now : following).plus(step.get());
            }
            if (following == null) {
                due.remove(check.name());
            } else {
                due.put(check.name(), following);
            }
        }
        return deliveries;
    }

    /**
     * Publishes one request for {@code check} now, as the API's {@code POST /request} does.
     *
     * @param subscribers the subscriptions to publish to instead of the check's, or null
     * @return how many deliveries were made
     */
    public int publish(CheckDefinition check, Instant now, List<String> subscribers) {
        Map<String, Object> request = CheckSchedule.request(check, now.getEpochSecond());
        List<String> targets = subscribers != null ? subscribers : check.subscribers();
        int deliveries = 0;
        if (check.proxyRequests() != null) {
            AttributeMatcher matcher = new AttributeMatcher(clock, clock.getZone());
            for (String name : clients.names()) {
                Map<String, Object> client = clients.get(name).orElse(null);
                if (client == null || !matcher.matches(client, check.proxyRequests().clientAttributes())) {
                    continue;
                }
                Optional<Map<String, Object>> proxied = CheckExecution.proxyRequest(request, client);
                if (proxied.isEmpty()) {
                    LOG.warn("check {}: unmatched client tokens for proxy client {}; no request published", check.name(),
                            name);
                    continue;
                }
                for (String subscription : targets) {
                    deliveries += hub.publish(subscription, proxied.get());
                }
            }
        } else {
            for (String subscription : targets) {
                deliveries += hub.publish(subscription, request);
            }
        }
        published += deliveries;
        return deliveries;
    }

    /** How many requests were delivered so far. */
    public long published() {
        return published;
    }
}
