package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.DeepMerge;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client registry's rules, as Sensu's server applies them.
 *
 * <ul>
 *   <li>{@link #update}: {@code client:NAME} is added to the subscriptions; the first signature seen
 *       for a name is kept and later updates must carry it; a client's first registration produces a
 *       {@code registration} event when a {@code registration} handler is configured or the client
 *       has {@code registration} settings.</li>
 *   <li>{@link #retrieve}: the client of a result is {@code check.source}, else the reporting client;
 *       an unknown one is created as a proxy client; a signature mismatch drops the result.</li>
 * </ul>
 */
public final class ClientRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRegistrar.class);
    /** How an invalidated name's recorded signature starts; the epoch second it ends follows. */
    private static final String INVALIDATED = "reflex-invalidated-until:";

    private final Supplier<SensuSettings> settings;
    private final ClientRegistry registry;
    private final EventFactory events;
    private final EventHandling handling;
    private final Clock clock;
    private final String version;

    /**
     * @param version the version written into proxy clients (Sensu writes its own release)
     */
    public ClientRegistrar(Supplier<SensuSettings> settings, ClientRegistry registry, EventFactory events,
            EventHandling handling, Clock clock, String version) {
        this.settings = settings;
        this.registry = registry;
        this.events = events;
        this.handling = handling;
        this.clock = clock;
        this.version = version;
    }

    /**
     * Adds or updates a client (from a keepalive, the API, or a proxy creation).
     *
     * @return false when the client's signature does not match the one recorded (nothing stored)
     */
    public boolean update(Map<String, Object> client) {
        Map<String, Object> c = new LinkedHashMap<>(client);
        String name = String.valueOf(c.get("name"));
        forgetExpiredInvalidation(name);
        List<Object> subscriptions = JsonValues.asList(c.get("subscriptions"));
        c.put("subscriptions", DeepMerge.union(subscriptions == null ? List.of() : subscriptions,
                List.of("client:" + name)));
        String signature = c.get("signature") instanceof String s ? s : null;
        boolean created = registry.putSignatureIfAbsent(name, signature == null ? "" : signature);
        if (created) {
            register(c);
        }
        String recorded = registry.signature(name).orElse("");
        if (recorded.isEmpty() && signature != null) {
            registry.setSignature(name, signature);
        }
        if (recorded.isEmpty() || recorded.equals(signature)) {
            registry.put(c);
            return true;
        }
        LOG.warn("invalid client signature for {}: not updating the registry", name);
        return false;
    }

    /**
     * Invalidates a name, as Sensu's {@code DELETE /clients/NAME?invalidate=true} does: the
     * signature recorded for it becomes one no client sends, so its keepalives and results are
     * dropped (with a warning) until {@code until}, then the name registers afresh. Call it before
     * deleting the client.
     */
    public void invalidate(String name, Instant until) {
        registry.setSignature(name, INVALIDATED + until.getEpochSecond());
    }

    private void forgetExpiredInvalidation(String name) {
        Optional<String> recorded = registry.signature(name);
        if (recorded.isPresent() && recorded.get().startsWith(INVALIDATED)) {
            long until;
            try {
                until = Long.parseLong(recorded.get().substring(INVALIDATED.length()));
            } catch (NumberFormatException e) {
                return;
            }
            if (clock.instant().getEpochSecond() >= until) {
                registry.deleteSignature(name);
            }
        }
    }

    /**
     * Finds the client a result belongs to, creating a proxy client when it is unknown.
     *
     * @return empty when the result's signature does not match (the result must be dropped)
     */
    public Optional<Map<String, Object>> retrieve(CheckResult result) {
        String source = result.source();
        String name = source != null ? source : result.client();
        Optional<Map<String, Object>> existing = registry.get(name);
        if (existing.isPresent()) {
            Object signature = existing.get().get("signature");
            if (JsonValues.truthy(signature) && !signature.equals(result.signature())) {
                LOG.warn("invalid check result signature for client {}: result dropped", name);
                return Optional.empty();
            }
            return existing;
        }
        forgetExpiredInvalidation(name);
        String recorded = registry.signature(name).orElse("");
        if (!recorded.isEmpty() && !recorded.equals(result.signature())) {
            LOG.warn("invalid check result signature for unknown client {}: result dropped", name);
            return Optional.empty();
        }
        Map<String, Object> client = proxyClient(name);
        if (source != null) {
            client.put("type", "proxy");
        }
        update(client);
        return registry.get(name).or(() -> Optional.of(client));
    }

    /** A blank client as Sensu creates it for an unknown name: keepalives off, address unknown. */
    public Map<String, Object> proxyClient(String name) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", name);
        client.put("address", "unknown");
        client.put("subscriptions", new ArrayList<>(List.of("client:" + name)));
        client.put("keepalives", false);
        client.put("version", version);
        client.put("timestamp", clock.instant().getEpochSecond());
        return client;
    }

    private void register(Map<String, Object> client) {
        SensuSettings s = settings.get();
        boolean wanted = s.handlerConfigured("registration") || client.get("registration") != null;
        if (!wanted) {
            return;
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("handler", "registration");
        check.put("status", 1L);
        if (client.get("registration") instanceof Map<?, ?> settingsForClient) {
            check = DeepMerge.merge(check, JsonValues.asMap(settingsForClient));
        }
        long now = clock.instant().getEpochSecond();
        check.put("name", "registration");
        check.put("output", "new client registration");
        check.put("issued", now);
        check.put("executed", now);
        ResultKey key = new ResultKey(String.valueOf(client.get("name")), "registration");
        Event event = events.create(client, check, events.history(key));
        handling.handle(event);
    }
}
