package dev.reflex.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Sensu 1.x check definition: what to run, where, when, and how its results become events.
 *
 * <p>Typed components give the attributes Sensu interprets, with Sensu's defaults applied; every
 * attribute as written (custom ones included) stays in {@link #attributes()}, because a check result
 * is merged over the whole definition and custom attributes travel into events.
 *
 * @param name                 the check name (its key in {@code checks})
 * @param command              the command a client runs, or null when {@code extension} is set
 * @param extension            the name of a check extension, or null
 * @param type                 {@code standard} or {@code metric} (metric OK results also create events)
 * @param subscribers          the subscriptions requests go to; empty for standalone checks
 * @param interval             seconds between runs, or null (cron or {@code publish: false})
 * @param cron                 a UNIX cron expression taking precedence over {@code interval}, or null
 * @param standalone           scheduled by the client itself rather than by the server
 * @param publish              whether the scheduler publishes requests (default true)
 * @param timeout              execution timeout in seconds, or null
 * @param stdin                whether the client writes {client, check} JSON to the command's stdin
 * @param ttl                  seconds after which a missing result creates a TTL event, or null
 * @param ttlStatus            the status of TTL results, or null (then 1)
 * @param autoResolve          whether an OK result resolves the event (default true)
 * @param forceResolve         whether results always resolve and delete the event (default false)
 * @param handle               whether events are handled at all (default true)
 * @param handlers             the handler names ({@code handlers}, else {@code [handler]}, else empty:
 *                             the {@code default} handler)
 * @param lowFlapThreshold     flap detection low threshold (percent), or null
 * @param highFlapThreshold    flap detection high threshold (percent), or null
 * @param source               the proxy client the results belong to, or null
 * @param aggregates           the aggregate names results are added to (empty when none)
 * @param subdue               windows in which requests are not published, or null
 * @param hooks                hooks by key ({@code critical}, {@code "2"}, {@code non-zero}…)
 * @param proxyRequests        proxy request settings, or null
 * @param occurrences          the {@code occurrences} filter's threshold, or null (then 1)
 * @param refresh              the {@code occurrences} filter's refresh seconds, or null (then 1800)
 * @param truncateOutput       explicit {@code truncate_output}, or null
 * @param truncateOutputLength the truncation length (default 255)
 * @param custom               the attributes Sensu does not interpret, as written
 * @param attributes           every attribute as written, without {@code name}
 */
public record CheckDefinition(
        String name,
        String command,
        String extension,
        CheckType type,
        List<String> subscribers,
        Integer interval,
        String cron,
        boolean standalone,
        boolean publish,
        Double timeout,
        boolean stdin,
        Integer ttl,
        Integer ttlStatus,
        boolean autoResolve,
        boolean forceResolve,
        boolean handle,
        List<String> handlers,
        Integer lowFlapThreshold,
        Integer highFlapThreshold,
        String source,
        List<String> aggregates,
        TimeWindows subdue,
        Map<String, CheckHook> hooks,
        ProxyRequests proxyRequests,
        Integer occurrences,
        Integer refresh,
        Boolean truncateOutput,
        int truncateOutputLength,
        Map<String, Object> custom,
        Map<String, Object> attributes) {

    /** The attributes Sensu itself interprets; everything else in a check is custom. */
    public static final Set<String> KNOWN = Set.of("name", "command", "extension", "type", "subscribers",
            "interval", "cron", "standalone", "publish", "timeout", "stdin", "ttl", "ttl_status",
            "auto_resolve", "force_resolve", "handle", "handler", "handlers", "low_flap_threshold",
            "high_flap_threshold", "source", "aggregate", "aggregates", "subdue", "hooks", "proxy_requests",
            "occurrences", "refresh", "truncate_output", "truncate_output_length", "dependencies");

    public CheckDefinition {
        subscribers = List.copyOf(subscribers);
        handlers = List.copyOf(handlers);
        aggregates = List.copyOf(aggregates);
        hooks = Collections.unmodifiableMap(new LinkedHashMap<>(hooks));
        custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Whether results are {@code standard} checks or {@code metric} collections. */
    public enum CheckType {
        STANDARD, METRIC;

        /** Sensu's reading of the {@code type} attribute: only {@code "metric"} is a metric check. */
        public static CheckType of(Object value) {
            return "metric".equals(value) ? METRIC : STANDARD;
        }
    }

    /**
     * A command a client runs after the check, chosen by the check's status.
     *
     * @param command the command (client tokens allowed)
     * @param timeout seconds (the client's default is 60)
     * @param stdin   whether {client, check} JSON goes to its stdin
     */
    public record CheckHook(String command, double timeout, boolean stdin) {
    }

    /**
     * Settings for checks the server runs once per matching client (proxy requests).
     *
     * @param clientAttributes the attributes a client must match
     * @param splay            whether requests are spread over the interval
     * @param splayCoverage    the percentage of the interval requests are spread over (default 90)
     */
    public record ProxyRequests(Map<String, Object> clientAttributes, boolean splay, int splayCoverage) {
        public ProxyRequests {
            clientAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(clientAttributes));
        }
    }

    /** True when the server's scheduler publishes requests for this check. */
    public boolean scheduledByServer() {
        return !standalone && publish;
    }

    /**
     * Builds the record from a definition that passed {@link CheckValidator#validateDefinition}.
     *
     * @param name       the definition's key
     * @param definition its attributes as written
     */
    public static CheckDefinition from(String name, Map<String, Object> definition) {
        Map<String, Object> attrs = new LinkedHashMap<>(definition);
        attrs.remove("name");
        Map<String, Object> custom = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                custom.put(k, v);
            }
        });
        Number timeout = definition.get("timeout") instanceof Number n ? n : null;
        Integer length = JsonValues.asInt(definition.get("truncate_output_length"));
        return new CheckDefinition(
                name,
                definition.get("command") instanceof String s ? s : null,
                definition.get("extension") instanceof String s ? s : null,
                CheckType.of(definition.get("type")),
                strings(definition.get("subscribers")),
                JsonValues.asInt(definition.get("interval")),
                definition.get("cron") instanceof String s ? s : null,
                Boolean.TRUE.equals(definition.get("standalone")),
                !Boolean.FALSE.equals(definition.get("publish")),
                timeout == null ? null : timeout.doubleValue(),
                Boolean.TRUE.equals(definition.get("stdin")),
                JsonValues.asInt(definition.get("ttl")),
                JsonValues.asInt(definition.get("ttl_status")),
                !Boolean.FALSE.equals(definition.get("auto_resolve")),
                Boolean.TRUE.equals(definition.get("force_resolve")),
                !Boolean.FALSE.equals(definition.get("handle")),
                handlerNames(definition),
                JsonValues.asInt(definition.get("low_flap_threshold")),
                JsonValues.asInt(definition.get("high_flap_threshold")),
                definition.get("source") instanceof String s ? s : null,
                aggregateNames(name, definition),
                definition.get("subdue") instanceof Map<?, ?> ? Definitions.timeWindows(definition.get("subdue")) : null,
                hooks(definition.get("hooks")),
                proxyRequests(definition.get("proxy_requests")),
                JsonValues.asInt(definition.get("occurrences")),
                JsonValues.asInt(definition.get("refresh")),
                definition.get("truncate_output") instanceof Boolean b ? b : null,
                length == null ? OutputTruncation.DEFAULT_LENGTH : length,
                custom,
                attrs);
    }

    /** Sensu's handler list: {@code handlers}, else {@code handler}, else none (meaning {@code default}). */
    public static List<String> handlerNames(Map<String, Object> check) {
        Object handlers = check.get("handlers");
        if (JsonValues.truthy(handlers)) {
            return handlers instanceof List<?> ? strings(handlers) : List.of(String.valueOf(handlers));
        }
        Object handler = check.get("handler");
        return JsonValues.truthy(handler) ? List.of(String.valueOf(handler)) : List.of();
    }

    /**
     * Sensu's aggregate names for a check: {@code aggregates}; else {@code aggregate} when it is a
     * string; else the check name when {@code aggregate} is true; else none.
     */
    public static List<String> aggregateNames(String checkName, Map<String, Object> check) {
        Object aggregates = check.get("aggregates");
        Object aggregate = check.get("aggregate");
        if (!JsonValues.truthy(aggregates) && !JsonValues.truthy(aggregate)) {
            return List.of();
        }
        if (JsonValues.truthy(aggregates)) {
            return aggregates instanceof List<?> ? strings(aggregates) : List.of(String.valueOf(aggregates));
        }
        return List.of(aggregate instanceof String s ? s : checkName);
    }

    private static Map<String, CheckHook> hooks(Object value) {
        Map<String, CheckHook> hooks = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof Map<?, ?> h && h.get("command") instanceof String command) {
                    double timeout = h.get("timeout") instanceof Number n ? n.doubleValue() : 60;
                    hooks.put(String.valueOf(k), new CheckHook(command, timeout, Boolean.TRUE.equals(h.get("stdin"))));
                }
            });
        }
        return hooks;
    }

    private static ProxyRequests proxyRequests(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> attributes = JsonValues.asMap(map.get("client_attributes"));
        Integer coverage = JsonValues.asInt(map.get("splay_coverage"));
        return new ProxyRequests(attributes == null ? Map.of() : attributes,
                Boolean.TRUE.equals(map.get("splay")), coverage == null ? 90 : coverage);
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(String.valueOf(o));
                }
            }
        }
        return out;
    }
}
