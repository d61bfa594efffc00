package dev.reflex.checks;

import java.util.Map;

/** Sensu's rules for a client definition and for the {@code sensu} section, every failure with its path. */
public final class ClientValidator {

    private ClientValidator() {
    }

    /**
     * Validates a client definition as the Sensu client (and {@code POST /clients}) does.
     *
     * @param base the client's path, such as {@code /client}
     */
    public static void validate(Object value, String base, Problems p) {
        if (!(value instanceof Map<?, ?>)) {
            p.add(base, "client must be an object");
            return;
        }
        Map<String, Object> client = JsonValues.asMap(value);
        Object name = client.get("name");
        if (!Rules.isString(name)) {
            p.add(base, "name", "client name must be a string");
        } else if (!Rules.matches(Rules.NAME, name)) {
            p.add(base, "name", "client name may only contain letters, digits, '_', '.' and '-'");
        }
        if (!Rules.isString(client.get("address"))) {
            p.add(base, "address", "client address must be a string");
        }
        if (!Rules.booleanIfSet(client.get("safe_mode"))) {
            p.add(base, "safe_mode", "safe_mode must be a boolean");
        }
        Object subscriptions = client.get("subscriptions");
        if (!Rules.isArray(subscriptions)) {
            p.add(base, "subscriptions", "client subscriptions must be an array");
        } else if (!Rules.stringItems(subscriptions, null)) {
            p.add(base, "subscriptions", "client subscriptions must each be a non-empty string");
        }
        socket(client, "socket", base, p);
        socket(client, "http_socket", base, p);
        if (!Rules.booleanIfSet(client.get("keepalives"))) {
            p.add(base, "keepalives", "keepalives must be a boolean");
        }
        keepalive(client, base, p);
        Object redact = client.get("redact");
        if (!Rules.arrayIfSet(redact)) {
            p.add(base, "redact", "redact must be an array");
        } else if (redact != null && !Rules.stringItems(redact, null)) {
            p.add(base, "redact", "redact keys must each be a non-empty string");
        }
        if (!Rules.stringIfSet(client.get("signature"))) {
            p.add(base, "signature", "signature must be a string");
        }
        handlerAndStatus(client, "registration", base, p);
        handlerAndStatus(client, "deregistration", base, p);
        remoteCommands(client, base, p);
    }

    /**
     * Reflex's agent attributes: {@code allow_remote_commands} (a boolean) and
     * {@code allowed_remote_commands} (non-empty strings; those starting with {@code re:} must be
     * valid regular expressions, the others are globs).
     */
    private static void remoteCommands(Map<String, Object> client, String base, Problems p) {
        if (!Rules.booleanIfSet(client.get("allow_remote_commands"))) {
            p.add(base, "allow_remote_commands", "allow_remote_commands must be a boolean");
        }
        Object patterns = client.get("allowed_remote_commands");
        if (!Rules.arrayIfSet(patterns)) {
            p.add(base, "allowed_remote_commands", "allowed_remote_commands must be an array of command patterns");
            return;
        }
        if (patterns == null) {
            return;
        }
        java.util.List<Object> items = JsonValues.asList(patterns);
        for (int i = 0; i < items.size(); i++) {
            String path = base + "/allowed_remote_commands/" + i;
            if (!(items.get(i) instanceof String s) || s.isEmpty()) {
                p.add(path, "a command pattern must be a non-empty string");
            } else if (s.startsWith("re:")) {
                try {
                    java.util.regex.Pattern.compile(s.substring(3));
                } catch (java.util.regex.PatternSyntaxException e) {
                    p.add(path, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
                }
            }
        }
    }

    private static void socket(Map<String, Object> client, String key, String base, Problems p) {
        Object value = client.get(key);
        String path = base + "/" + key;
        if (!Rules.hashIfSet(value)) {
            p.add(path, key + " must be an object");
            return;
        }
        if (!(value instanceof Map<?, ?> socket)) {
            return;
        }
        if (!Rules.booleanIfSet(socket.get("enabled"))) {
            p.add(path + "/enabled", key + " enabled must be a boolean");
        }
        if (!Rules.stringIfSet(socket.get("bind"))) {
            p.add(path + "/bind", key + " bind must be a string");
        }
        if (!Rules.integerIfSet(socket.get("port"))) {
            p.add(path + "/port", key + " port must be an integer");
        }
        if ("http_socket".equals(key)) {
            if (socket.get("user") != null || socket.get("password") != null) {
                if (!Rules.isString(socket.get("user"))) {
                    p.add(path + "/user", "http_socket user must be a string when a password is set");
                }
                if (!Rules.isString(socket.get("password"))) {
                    p.add(path + "/password", "http_socket password must be a string when a user is set");
                }
            }
            if (!Rules.booleanIfSet(socket.get("protect_all_endpoints"))) {
                p.add(path + "/protect_all_endpoints", "http_socket protect_all_endpoints must be a boolean");
            }
        }
    }

    private static void keepalive(Map<String, Object> client, String base, Problems p) {
        Object value = client.get("keepalive");
        String path = base + "/keepalive";
        if (!Rules.hashIfSet(value)) {
            p.add(path, "keepalive must be an object");
            return;
        }
        if (value == null) {
            return;
        }
        Map<String, Object> keepalive = JsonValues.asMap(value);
        handlers(keepalive, path, "keepalive", p);
        thresholds(keepalive.get("thresholds"), path + "/thresholds", p);
        if (JsonValues.truthy(keepalive.get("source"))) {
            CheckValidator.source(keepalive, path, p);
        }
        CheckValidator.aggregates(keepalive, path, p);
        CheckValidator.flapThresholds(keepalive, path, p);
    }

    static void thresholds(Object value, String path, Problems p) {
        if (!Rules.hashIfSet(value)) {
            p.add(path, "thresholds must be an object");
        } else if (value instanceof Map<?, ?> t) {
            if (!Rules.integerIfSet(t.get("warning"))) {
                p.add(path + "/warning", "the warning threshold must be an integer");
            }
            if (!Rules.integerIfSet(t.get("critical"))) {
                p.add(path + "/critical", "the critical threshold must be an integer");
            }
        }
    }

    static void handlers(Map<String, Object> owner, String path, String what, Problems p) {
        if (!Rules.stringIfSet(owner.get("handler"))) {
            p.add(path + "/handler", what + " handler must be a string");
        }
        Object handlers = owner.get("handlers");
        if (!Rules.arrayIfSet(handlers)) {
            p.add(path + "/handlers", what + " handlers must be an array");
        } else if (handlers != null && !Rules.stringItems(handlers, null)) {
            p.add(path + "/handlers", what + " handlers must each be a non-empty string");
        }
    }

    private static void handlerAndStatus(Map<String, Object> client, String key, String base, Problems p) {
        Object value = client.get(key);
        String path = base + "/" + key;
        if (!Rules.hashIfSet(value)) {
            p.add(path, key + " must be an object");
        } else if (value != null) {
            Map<String, Object> section = JsonValues.asMap(value);
            handlers(section, path, key, p);
            if (!Rules.integerIfSet(section.get("status"))) {
                p.add(path + "/status", key + " status must be an integer");
            }
        }
    }

    /**
     * Validates the {@code sensu} section (after defaults are merged in): the spawn limit and the
     * default keepalive settings.
     */
    public static void validateSensu(Object value, String base, Problems p) {
        if (!(value instanceof Map<?, ?>)) {
            p.add(base, "sensu must be an object");
            return;
        }
        Map<String, Object> sensu = JsonValues.asMap(value);
        if (!(sensu.get("spawn") instanceof Map<?, ?> spawn)) {
            p.add(base + "/spawn", "sensu spawn must be an object");
        } else if (!Rules.isInteger(spawn.get("limit"))) {
            p.add(base + "/spawn/limit", "sensu spawn limit must be an integer");
        } else if (!Rules.positiveInteger(spawn.get("limit"))) {
            p.add(base + "/spawn/limit", "sensu spawn limit must be greater than 0");
        }
        if (!(sensu.get("keepalives") instanceof Map<?, ?>)) {
            p.add(base + "/keepalives", "sensu keepalives must be an object");
        } else {
            Map<String, Object> keepalives = JsonValues.asMap(sensu.get("keepalives"));
            thresholds(keepalives.get("thresholds"), base + "/keepalives/thresholds", p);
            handlers(keepalives, base + "/keepalives", "keepalives", p);
        }
        Object server = sensu.get("server");
        if (server != null && !(server instanceof Map<?, ?>)) {
            p.add(base + "/server", "sensu server must be an object");
        } else if (server instanceof Map<?, ?> s) {
            if (!Rules.stringIfSet(s.get("results_pipe"))) {
                p.add(base + "/server/results_pipe", "results_pipe must be a string");
            }
            if (!Rules.stringIfSet(s.get("keepalives_pipe"))) {
                p.add(base + "/server/keepalives_pipe", "keepalives_pipe must be a string");
            }
            if (!Rules.integerIfSet(s.get("max_message_size"))) {
                p.add(base + "/server/max_message_size", "max_message_size must be an integer");
            }
        }
        if (!Rules.booleanIfSet(sensu.get("global_error_handler"))) {
            p.add(base + "/global_error_handler", "global_error_handler must be a boolean");
        }
    }
}
