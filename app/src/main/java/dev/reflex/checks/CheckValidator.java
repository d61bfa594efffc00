package dev.reflex.checks;

import java.util.List;
import java.util.Map;

/**
 * Sensu's rules for check definitions and check results, reporting every failure with its path.
 *
 * <p>The same attribute rules run on settings files ({@link #validateDefinition}) and, in a reduced
 * form, on results posted to the API or a client socket ({@link #validateResult}).
 */
public final class CheckValidator {

    private static final List<String> HOOK_SEVERITIES = List.of("ok", "warning", "critical", "unknown");

    private CheckValidator() {
    }

    /**
     * Validates a check definition as Sensu's settings loader does.
     *
     * @param check the definition, including its {@code name}
     * @param base  the definition's path, such as {@code /checks/disk}
     */
    public static void validateDefinition(Map<String, Object> check, String base, Problems p) {
        name(check, base, p);  // the name is the key, so its problem is reported at the definition
        execution(check, base, p);
        if (JsonValues.truthy(check.get("source"))) {
            source(check, base, p);
        }
        scheduling(check, base, p);
        if (JsonValues.truthy(check.get("proxy_requests"))) {
            proxyRequests(check, base, p);
        }
        handling(check, base, p);
        if (JsonValues.truthy(check.get("ttl"))) {
            ttl(check, base, p);
        }
        aggregates(check, base, p);
        flapThresholds(check, base, p);
        if (JsonValues.truthy(check.get("hooks"))) {
            hooks(check, base, p);
        }
        truncation(check, base, p);
        if (JsonValues.truthy(check.get("subdue"))) {
            Rules.timeWindows(check, "subdue", base, p);
        }
    }

    /**
     * Validates a check result's {@code check} object as Sensu's API and client socket do: output,
     * status and executed are required (callers apply the defaults for status and executed first),
     * plus the attribute rules that matter for processing.
     */
    public static void validateResult(Map<String, Object> check, String base, Problems p) {
        if (!Rules.isString(check.get("output"))) {
            p.add(base, "output", "output must be a string");
        }
        if (!Rules.isInteger(check.get("status"))) {
            p.add(base, "status", "status must be an integer");
        }
        if (!Rules.isInteger(check.get("executed"))) {
            p.add(base, "executed", "executed must be an integer timestamp");
        }
        name(check, base + "/name", p);
        handling(check, base, p);
        aggregates(check, base, p);
        flapThresholds(check, base, p);
        truncation(check, base, p);
        if (JsonValues.truthy(check.get("source"))) {
            source(check, base, p);
        }
        if (JsonValues.truthy(check.get("ttl"))) {
            ttl(check, base, p);
        }
    }

    static void name(Map<String, Object> check, String path, Problems p) {
        Object name = check.get("name");
        if (!Rules.isString(name)) {
            p.add(path, "check name must be a string");
        } else if (!Rules.matches(Rules.NAME, name)) {
            p.add(path, "check name may only contain letters, digits, '_', '.' and '-'");
        }
    }

    private static void execution(Map<String, Object> check, String base, Problems p) {
        Object command = check.get("command");
        Object extension = check.get("extension");
        if (!Rules.stringIfSet(command)) {
            p.add(base, "command", "command must be a string");
        }
        if (!Rules.stringIfSet(extension)) {
            p.add(base, "extension", "extension must be a string");
        }
        if ((command == null) == (extension == null)) {
            p.add(base, "command", "exactly one of command or extension must be set");
        }
        if (!Rules.numericIfSet(check.get("timeout"))) {
            p.add(base, "timeout", "timeout must be a number");
        }
        if (!Rules.booleanIfSet(check.get("stdin"))) {
            p.add(base, "stdin", "stdin must be a boolean");
        }
    }

    static void source(Map<String, Object> check, String base, Problems p) {
        Object source = check.get("source");
        if (!Rules.isString(source)) {
            p.add(base, "source", "source must be a string");
        } else if (!Rules.matches(Rules.SOURCE, source)) {
            p.add(base, "source", "source may only contain letters, digits, '_', '.', '-' and one client token");
        }
    }

    private static void scheduling(Map<String, Object> check, String base, Problems p) {
        Object publish = check.get("publish");
        if (!Rules.booleanIfSet(publish)) {
            p.add(base, "publish", "publish must be a boolean");
        }
        if (!Boolean.FALSE.equals(publish)) {
            Object cron = check.get("cron");
            if (JsonValues.truthy(cron)) {
                if (!Rules.isString(cron)) {
                    p.add(base, "cron", "cron must be a string");
                } else if (!CronSchedule.isValid((String) cron)) {
                    p.add(base, "cron", "cron must be a valid five-field cron expression");
                }
            } else if (!Rules.positiveInteger(check.get("interval"))) {
                p.add(base, "interval", "interval must be an integer greater than 0 (or set cron, or publish: false)");
            }
        }
        Object standalone = check.get("standalone");
        if (!Rules.booleanIfSet(standalone)) {
            p.add(base, "standalone", "standalone must be a boolean");
        }
        if (!JsonValues.truthy(standalone)) {
            Object subscribers = check.get("subscribers");
            if (!Rules.isArray(subscribers)) {
                p.add(base, "subscribers", "subscribers must be an array (unless standalone is true)");
            } else if (!Rules.stringItems(subscribers, null)) {
                p.add(base, "subscribers", "subscribers must each be a non-empty string");
            }
        }
    }

    private static void proxyRequests(Map<String, Object> check, String base, Problems p) {
        String path = base + "/proxy_requests";
        if (!(check.get("proxy_requests") instanceof Map<?, ?> proxy)) {
            p.add(path, "proxy_requests must be an object");
            return;
        }
        if (!Rules.isHash(proxy.get("client_attributes"))) {
            p.add(path + "/client_attributes", "proxy_requests client_attributes must be an object");
        }
        if (!Rules.booleanIfSet(proxy.get("splay"))) {
            p.add(path + "/splay", "proxy_requests splay must be a boolean");
        }
        Object coverage = proxy.get("splay_coverage");
        if (JsonValues.truthy(coverage)) {
            Long c = JsonValues.asLong(coverage);
            if (c == null || c <= 0 || c >= 100) {
                p.add(path + "/splay_coverage", "proxy_requests splay_coverage must be an integer greater than 0 and less than 100");
            }
        }
    }

    static void handling(Map<String, Object> check, String base, Problems p) {
        if (!Rules.stringIfSet(check.get("handler"))) {
            p.add(base, "handler", "handler must be a string");
        }
        Object handlers = check.get("handlers");
        if (!Rules.arrayIfSet(handlers)) {
            p.add(base, "handlers", "handlers must be an array");
        } else if (handlers != null && !Rules.stringItems(handlers, null)) {
            p.add(base, "handlers", "handlers must each be a non-empty string");
        }
    }

    static void ttl(Map<String, Object> check, String base, Problems p) {
        Object ttl = check.get("ttl");
        if (!Rules.isInteger(ttl)) {
            p.add(base, "ttl", "ttl must be an integer");
        } else if (!Rules.positiveInteger(ttl)) {
            p.add(base, "ttl", "ttl must be greater than 0");
        }
        if (!Rules.integerIfSet(check.get("ttl_status"))) {
            p.add(base, "ttl_status", "ttl_status must be an integer");
        }
    }

    static void aggregates(Map<String, Object> check, String base, Problems p) {
        Object aggregates = check.get("aggregates");
        if (JsonValues.truthy(aggregates)) {
            if (!Rules.isArray(aggregates)) {
                p.add(base, "aggregates", "aggregates must be an array");
            } else if (!Rules.stringItems(aggregates, Rules.AGGREGATE)) {
                p.add(base, "aggregates", "aggregates must each be a name of letters, digits, '_', '.', ':', '|' and '-'");
            }
        }
        Object aggregate = check.get("aggregate");
        if (JsonValues.truthy(aggregate)) {
            if (Rules.isString(aggregate)) {
                if (!Rules.matches(Rules.AGGREGATE, aggregate)) {
                    p.add(base, "aggregate", "aggregate may only contain letters, digits, '_', '.', ':', '|' and '-'");
                }
            } else if (!Rules.isBoolean(aggregate)) {
                p.add(base, "aggregate", "aggregate must be a string (its name) or a boolean");
            }
        }
    }

    static void flapThresholds(Map<String, Object> check, String base, Problems p) {
        Object low = check.get("low_flap_threshold");
        Object high = check.get("high_flap_threshold");
        if (low != null || high != null) {
            if (!Rules.isInteger(low)) {
                p.add(base, "low_flap_threshold", "low_flap_threshold must be an integer when high_flap_threshold is set");
            }
            if (!Rules.isInteger(high)) {
                p.add(base, "high_flap_threshold", "high_flap_threshold must be an integer when low_flap_threshold is set");
            }
        }
    }

    private static void hooks(Map<String, Object> check, String base, Problems p) {
        String path = base + "/hooks";
        if (!(check.get("hooks") instanceof Map<?, ?> hooks)) {
            p.add(path, "hooks must be an object");
            return;
        }
        for (Map.Entry<?, ?> e : hooks.entrySet()) {
            String key = String.valueOf(e.getKey());
            String hookPath = path + "/" + JsonValues.escapePointer(key);
            if (!isHookKey(key)) {
                p.add(hookPath, "hook key must be a severity, a status from 0 to 255, or 'non-zero'");
            }
            if (!(e.getValue() instanceof Map<?, ?> hook)) {
                p.add(hookPath, "hook must be an object with a command");
                continue;
            }
            if (!Rules.isString(hook.get("command"))) {
                p.add(hookPath + "/command", "hook command must be a string");
            }
            if (!Rules.numericIfSet(hook.get("timeout"))) {
                p.add(hookPath + "/timeout", "hook timeout must be a number");
            }
            if (!Rules.booleanIfSet(hook.get("stdin"))) {
                p.add(hookPath + "/stdin", "hook stdin must be a boolean");
            }
        }
    }

    /** True for the hook keys Sensu accepts: a severity, {@code "0"}..{@code "255"} or {@code non-zero}. */
    public static boolean isHookKey(String key) {
        if (HOOK_SEVERITIES.contains(key) || "non-zero".equals(key)) {
            return true;
        }
        if (!key.matches("0|[1-9][0-9]{0,2}")) {
            return false;
        }
        return Integer.parseInt(key) <= 255;
    }

    static void truncation(Map<String, Object> check, String base, Problems p) {
        if (!Rules.booleanIfSet(check.get("truncate_output"))) {
            p.add(base, "truncate_output", "truncate_output must be a boolean");
        }
        Object length = check.get("truncate_output_length");
        if (JsonValues.truthy(length) && !Rules.positiveInteger(length)) {
            p.add(base, "truncate_output_length", "truncate_output_length must be an integer greater than 0");
        }
    }
}
