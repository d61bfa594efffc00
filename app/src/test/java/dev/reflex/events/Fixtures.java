package dev.reflex.events;

import dev.reflex.checks.CheckResult;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.SensuSettings;
import dev.reflex.checks.SettingsParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Small builders shared by the event tests. */
final class Fixtures {

    static final long EPOCH = 1_700_000_000L;

    private Fixtures() {
    }

    /** Sensu's spec client template: i-424242, subscription test, keepalive thresholds 60/120. */
    static Map<String, Object> client() {
        return map("name", "i-424242", "address", "127.0.0.1", "subscriptions", new ArrayList<>(List.of("test")),
                "keepalive", map("thresholds", map("warning", 60L, "critical", 120L)));
    }

    /** Sensu's spec check template: test, status 1, interval 60. */
    static Map<String, Object> check() {
        return map("name", "test", "type", "standard", "issued", EPOCH, "command", "echo WARNING && exit 1",
                "output", "WARNING", "status", 1L, "executed", 1363224805L, "interval", 60L);
    }

    static Map<String, Object> check(long status) {
        Map<String, Object> c = check();
        c.put("status", status);
        return c;
    }

    static CheckResult result(Map<String, Object> check) {
        return CheckResult.of("i-424242", check);
    }

    static CheckResult result(long status) {
        return result(check(status));
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Settings parsed from JSON text; fails the test on any problem. */
    static SensuSettings settings(String json) {
        var parsed = SettingsParser.parse(JsonValues.asMap(JsonValues.read(json)), "<test>");
        if (!parsed.ok()) {
            throw new AssertionError("test settings have problems: " + parsed.problems());
        }
        return parsed.value();
    }

    /** Deterministic event ids: id-1, id-2… */
    static Supplier<String> ids() {
        AtomicInteger n = new AtomicInteger();
        return () -> "id-" + n.incrementAndGet();
    }
}
