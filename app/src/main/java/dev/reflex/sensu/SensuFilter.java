package dev.reflex.sensu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.api.Json;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensu's {@code filter.} query parameters on GET lists: {@code ?filter.client.name=db-1&filter.check.status=2}
 * keeps the items whose attribute at each dotted path equals the given text, comparing as Sensu does,
 * by the attribute's text ({@code 2}, {@code true}, {@code 1.5}); an empty value matches a missing or
 * null attribute. Every filter must match. Sensu applies it after pagination, so the
 * {@code X-Pagination} total counts the unfiltered list; so does Reflex.
 */
final class SensuFilter {

    private static final String PREFIX = "filter.";

    private SensuFilter() {
    }

    /** The filters of this request: dotted path to expected text; empty when there are none. */
    static Map<String, String> of(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !values.isEmpty()) {
                out.put(name.substring(PREFIX.length()), values.get(values.size() - 1));
            }
        });
        return out;
    }

    /** {@code items} as the filters keep them; the list itself when there are none. */
    static List<?> apply(Map<String, String> filters, List<?> items) {
        if (filters.isEmpty()) {
            return items;
        }
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            JsonNode tree = Json.mapper().valueToTree(item);
            if (filters.entrySet().stream().allMatch(f -> matches(tree, f.getKey(), f.getValue()))) {
                kept.add(item);
            }
        }
        return kept;
    }

    private static boolean matches(JsonNode tree, String path, String expected) {
        JsonNode node = tree;
        for (String part : path.split("\\.", -1)) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        if (node == null || node.isNull()) {
            return expected.isEmpty();
        }
        return node.isValueNode() && node.asText().equals(expected);
    }
}
