package dev.reflex.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Classifies a Sensu documentation JSON block by shape and validates it the way Sensu would. */
public final class CompatDocuments {

    private static final Set<String> SETTINGS_KEYS = Set.of("checks", "handlers", "filters", "mutators", "client", "sensu");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_460_172_826L), ZoneOffset.UTC);

    private CompatDocuments() {
    }

    /** The distinct problem paths of a block, in order (empty when it is valid). */
    public static List<String> check(Path file) {
        Object doc = read(file);
        Problems p = new Problems(file.toString());
        if (doc instanceof List<?> events) {
            for (int i = 0; i < events.size(); i++) {
                event(events.get(i), "/" + i, p);
            }
        } else if (doc instanceof Map<?, ?> raw) {
            Map<String, Object> map = JsonValues.asMap(raw);
            if (map.containsKey("days")) {
                Rules.timeWindows(Map.of("window", map), "window", "", p);
            } else if (map.get("check") instanceof Map<?, ?> check) {
                result(JsonValues.asMap(check), "/check", p);
                if (map.containsKey("client") && !(map.get("client") instanceof String)) {
                    p.add("/client", "a result's client must be a name");
                }
            } else if (map.containsKey("results") && map.containsKey("clients")) {
                aggregate(map, p);
            } else if (map.keySet().stream().anyMatch(SETTINGS_KEYS::contains)) {
                return paths(SettingsParser.parse(map, file.toString()).problems().stream().map(c -> c.path()).toList());
            } else if (map.containsKey("name") && map.containsKey("subscriptions")) {
                ClientValidator.validate(map, "", p);
            } else {
                p.add("", "not a recognised Sensu document");
            }
        } else {
            p.add("", "not a recognised Sensu document");
        }
        return paths(p.list().stream().map(c -> c.path()).toList());
    }

    private static void event(Object value, String base, Problems p) {
        if (!(value instanceof Map<?, ?> raw)) {
            p.add(base, "an event must be an object");
            return;
        }
        Map<String, Object> event = JsonValues.asMap(raw);
        if (!(event.get("client") instanceof Map<?, ?> client) || !(client.get("name") instanceof String)) {
            p.add(base + "/client", "an event needs a client with a name");
        }
        if (!(event.get("check") instanceof Map<?, ?> check)) {
            p.add(base + "/check", "an event needs a check");
        } else {
            result(JsonValues.asMap(check), base + "/check", p);
        }
        for (String key : List.of("occurrences", "timestamp")) {
            if (!JsonValues.isInteger(event.get(key))) {
                p.add(base + "/" + key, key + " must be an integer");
            }
        }
        if (!List.of("create", "resolve", "flapping").contains(event.get("action"))) {
            p.add(base + "/action", "action must be create, resolve or flapping");
        }
    }

    private static void result(Map<String, Object> check, String base, Problems p) {
        CheckValidator.validateResult(CheckResult.withDefaults(check, CLOCK), base, p);
    }

    private static void aggregate(Map<String, Object> map, Problems p) {
        for (String key : List.of("clients", "checks")) {
            if (!JsonValues.isInteger(map.get(key))) {
                p.add("/" + key, key + " must be an integer");
            }
        }
        Map<String, Object> results = JsonValues.asMap(map.get("results"));
        for (String key : List.of("ok", "warning", "critical", "unknown", "total", "stale")) {
            if (results == null || !JsonValues.isInteger(results.get(key))) {
                p.add("/results/" + key, key + " must be an integer");
            }
        }
    }

    /** Every {@code eval:} attribute value of the filter settings in these files. */
    public static List<String> evalExpressions(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> doc = JsonValues.asMap(read(file));
            Map<String, Object> filters = doc == null ? null : JsonValues.asMap(doc.get("filters"));
            if (filters != null) {
                filters.values().forEach(f -> collect(JsonValues.asMap(f).get("attributes"), out));
            }
        }
        return out;
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (node instanceof String s && s.startsWith("eval:")) {
            out.add(s);
        }
    }

    private static List<String> paths(List<String> all) {
        return List.copyOf(new LinkedHashSet<>(all));
    }

    private static Object read(Path file) {
        try {
            return JsonValues.read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
