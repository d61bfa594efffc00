package dev.reflex.checks;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check result as it reaches the event processor: the reporting client's name, the check
 * attributes with {@code output} and {@code status}, and the client's signature if it has one.
 *
 * <p>The check is an open JSON object: definition attributes, custom attributes, {@code executed},
 * {@code issued}, {@code duration}, hook outputs… all travel into the event.
 *
 * @param client    the name of the client that reported it ({@code sensu-api} for API results)
 * @param check     the check attributes; must hold {@code name}, {@code output} and an integer {@code status}
 * @param signature the client signature carried by the result, or null
 */
public record CheckResult(String client, Map<String, Object> check, String signature) {

    public CheckResult {
        check = Collections.unmodifiableMap(new LinkedHashMap<>(check));
    }

    /** A result without a signature. */
    public static CheckResult of(String client, Map<String, Object> check) {
        return new CheckResult(client, check, null);
    }

    /**
     * Reads the transport payload {@code {"client": ..., "check": {...}, "signature": ...}}.
     *
     * @throws IllegalArgumentException when client or check is missing
     */
    public static CheckResult fromPayload(Map<String, Object> payload) {
        Map<String, Object> check = JsonValues.asMap(payload.get("check"));
        if (!(payload.get("client") instanceof String client) || check == null) {
            throw new IllegalArgumentException("a check result needs a client name and a check object");
        }
        return new CheckResult(client, check, payload.get("signature") instanceof String s ? s : null);
    }

    /** The transport payload shape of this result. */
    public Map<String, Object> toPayload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("client", client);
        payload.put("check", check);
        if (signature != null) {
            payload.put("signature", signature);
        }
        return payload;
    }

    /** The check name. */
    public String name() {
        return check.get("name") instanceof String s ? s : null;
    }

    /** The status, or null when it is missing or not an integer. */
    public Integer status() {
        return JsonValues.asInt(check.get("status"));
    }

    /** The {@code source} (proxy client) when set and not empty. */
    public String source() {
        return check.get("source") instanceof String s && !s.isEmpty() ? s : null;
    }

    /**
     * Applies what Sensu's API and client socket do to a submitted check before validating it:
     * {@code status} defaults to 0 and {@code executed} to now.
     */
    public static Map<String, Object> withDefaults(Map<String, Object> check, Clock clock) {
        Map<String, Object> copy = new LinkedHashMap<>(check);
        if (copy.get("status") == null) {
            copy.put("status", 0L);
        }
        if (copy.get("executed") == null) {
            copy.put("executed", clock.instant().getEpochSecond());
        }
        return copy;
    }

    /**
     * Validates a submitted check (after {@link #withDefaults}) with Sensu's result rules.
     *
     * @param source the submission's name for problems, such as {@code <POST /results>}
     */
    public static Parsed<Map<String, Object>> validate(Map<String, Object> check, String source) {
        Problems p = new Problems(source);
        CheckValidator.validateResult(check, "", p);
        return new Parsed<>(check, p.list());
    }

    /**
     * Applies {@link #withDefaults} and {@link #validate} to a submitted check.
     *
     * @return the check ready for the engine
     * @throws IllegalArgumentException naming every problem when the check is invalid
     */
    public static Map<String, Object> accept(Map<String, Object> check, Clock clock, String source) {
        Map<String, Object> withDefaults = withDefaults(check, clock);
        Parsed<Map<String, Object>> p = validate(withDefaults, source);
        if (!p.ok()) {
            StringBuilder b = new StringBuilder();
            for (dev.reflex.config.ConfigProblem problem : p.problems()) {
                b.append(b.isEmpty() ? "" : "; ").append(problem.path().isEmpty() ? "" : problem.path() + ": ")
                        .append(problem.message());
            }
            throw new IllegalArgumentException(b.toString());
        }
        return withDefaults;
    }
}
