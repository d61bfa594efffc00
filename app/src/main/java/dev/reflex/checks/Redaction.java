package dev.reflex.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensu's redaction of sensitive values: in objects (recursively, through arrays too), the value of
 * every key in the list becomes {@code "REDACTED"}. A client's {@code redact} list replaces the
 * default list. Keepalives are redacted before they leave the client; the API redacts clients it
 * shows.
 */
public final class Redaction {

    /** The replacement text. */
    public static final String REDACTED = "REDACTED";

    /** Sensu's default sensitive keys. */
    public static final List<String> DEFAULT_KEYS = List.of("password", "passwd", "pass", "api_key", "api_token",
            "access_key", "secret_key", "private_key", "secret", "routing_key", "access_token_read",
            "access_token_write", "access_token_path", "webhook_url", "nickserv_password", "channel_password",
            "community", "keystore_password", "truststore_password", "proxy_password", "access_key_id",
            "secret_access_key");

    private Redaction() {
    }

    /** The keys to redact for a client: its {@code redact} list, else the defaults. */
    public static List<String> keysFor(Map<String, Object> client) {
        List<Object> own = JsonValues.asList(client.get("redact"));
        if (own == null) {
            return DEFAULT_KEYS;
        }
        List<String> keys = new ArrayList<>();
        own.forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    /** A client's attributes with its sensitive values redacted. */
    public static Map<String, Object> redactClient(Map<String, Object> client) {
        return JsonValues.asMap(redact(client, keysFor(client)));
    }

    /** A copy of a JSON-like tree with the values of {@code keys} replaced. */
    public static Object redact(Object tree, List<String> keys) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, keys.contains(key) ? REDACTED : redact(v, keys));
            });
            return out;
        }
        if (tree instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(redact(v, keys)));
            return out;
        }
        return tree;
    }
}
