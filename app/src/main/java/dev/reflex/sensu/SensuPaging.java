package dev.reflex.sensu;

import dev.reflex.api.ApiException;
import dev.reflex.api.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensu's pagination of list endpoints: {@code limit} and {@code offset} query parameters, and the
 * {@code X-Pagination} header {@code {"limit":…,"offset":…,"total":…}} when a limit was given; then
 * Sensu's {@code filter.} parameters.
 */
final class SensuPaging {

    private SensuPaging() {
    }

    /** Writes {@code items}, paginated then filtered ({@link SensuFilter}) as the query asks, as the JSON response. */
    static void respond(Context ctx, List<?> items) {
        Integer limit = integer(ctx, "limit");
        Integer offset = integer(ctx, "offset");
        if (limit == null) {
            list(ctx, items);
            return;
        }
        int from = Math.min(offset == null ? 0 : offset, items.size());
        int to = Math.min(items.size(), from + limit);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("limit", limit);
        header.put("offset", offset == null ? 0 : offset);
        header.put("total", items.size());
        ctx.header("X-Pagination", Json.write(header));
        list(ctx, items.subList(from, to));
    }

    /** Writes a list that Sensu does not paginate, filtered as the query asks ({@link SensuFilter}). */
    static void list(Context ctx, List<?> items) {
        ctx.json(SensuFilter.apply(SensuFilter.of(ctx), items));
    }

    /**
     * A non-negative integer query parameter, or null when absent; 400 when it is not one, except on
     * the Sensu API port, where it is ignored as Sensu ignores it.
     */
    static Integer integer(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (ctx.attribute(SensuApiPort.ROOT_ATTRIBUTE) != null) {
            return v.matches("[0-9]{1,9}") ? Integer.valueOf(v) : null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number, at least 0; got '" + v + "'");
        }
    }
}
