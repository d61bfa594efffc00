package dev.reflex.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Sensu 1.x client (agent) definition: who it is, what it subscribes to, how its keepalives are
 * judged. Custom attributes (such as {@code disk.warning}) feed check token substitution and stay in
 * {@link #attributes()}.
 *
 * @param name          the client name
 * @param address       its address
 * @param subscriptions its subscriptions, {@code client:NAME} included (appended if missing)
 * @param keepalives    whether the server monitors its keepalives (default true)
 * @param keepalive     the client's keepalive check settings (handlers, thresholds, extra attributes)
 * @param safeMode      whether the client only runs checks it defines locally
 * @param redact        the keys whose values are replaced by {@code "REDACTED"}, or null for Sensu's list
 * @param signature     the signature results and keepalives must carry, or null
 * @param custom        the attributes Sensu does not interpret
 * @param attributes    every attribute as written, with {@code client:NAME} in the subscriptions
 */
public record ClientDefinition(
        String name,
        String address,
        List<String> subscriptions,
        boolean keepalives,
        Keepalive keepalive,
        boolean safeMode,
        List<String> redact,
        String signature,
        Map<String, Object> custom,
        Map<String, Object> attributes) {

    /** The attributes Sensu interprets on a client. */
    public static final Set<String> KNOWN = Set.of("name", "address", "subscriptions", "keepalives", "keepalive",
            "safe_mode", "redact", "signature", "socket", "http_socket", "registration", "deregistration",
            "deregister", "version", "timestamp", "type");

    public ClientDefinition {
        subscriptions = List.copyOf(subscriptions);
        redact = redact == null ? null : List.copyOf(redact);
        custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * A client's keepalive check settings.
     *
     * @param warning    the warning threshold in seconds, or null for the server default (120)
     * @param critical   the critical threshold in seconds, or null for the server default (180)
     * @param handlers   the keepalive handlers ({@code handlers}, else {@code handler}), may be empty
     * @param attributes every keepalive attribute as written; deep-merged into the keepalive check
     */
    public record Keepalive(Integer warning, Integer critical, List<String> handlers, Map<String, Object> attributes) {
        public Keepalive {
            handlers = List.copyOf(handlers);
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /** Builds the record from a definition that passed {@link ClientValidator#validate}. */
    public static ClientDefinition from(Map<String, Object> definition) {
        Map<String, Object> attrs = new LinkedHashMap<>(definition);
        String name = String.valueOf(definition.get("name"));
        List<String> subscriptions = new java.util.ArrayList<>(CheckDefinition.strings(definition.get("subscriptions")));
        if (!subscriptions.contains("client:" + name)) {
            subscriptions.add("client:" + name);
        }
        attrs.put("subscriptions", List.copyOf(subscriptions));
        Map<String, Object> custom = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                custom.put(k, v);
            }
        });
        Map<String, Object> keepalive = JsonValues.asMap(definition.get("keepalive"));
        Keepalive k = null;
        if (keepalive != null) {
            Map<String, Object> thresholds = JsonValues.asMap(keepalive.get("thresholds"));
            k = new Keepalive(
                    thresholds == null ? null : JsonValues.asInt(thresholds.get("warning")),
                    thresholds == null ? null : JsonValues.asInt(thresholds.get("critical")),
                    CheckDefinition.handlerNames(keepalive), keepalive);
        }
        Object redact = definition.get("redact");
        return new ClientDefinition(
                name,
                definition.get("address") instanceof String s ? s : null,
                subscriptions,
                !Boolean.FALSE.equals(definition.get("keepalives")),
                k,
                Boolean.TRUE.equals(definition.get("safe_mode")),
                redact instanceof List<?> ? CheckDefinition.strings(redact) : null,
                definition.get("signature") instanceof String s ? s : null,
                custom,
                attrs);
    }
}
