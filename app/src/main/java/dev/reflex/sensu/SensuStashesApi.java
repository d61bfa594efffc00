package dev.reflex.sensu;

import dev.reflex.api.Access;
import dev.reflex.api.ApiException;
import dev.reflex.api.Bodies;
import dev.reflex.api.Routes;
import dev.reflex.checks.JsonValues;
import dev.reflex.events.jdbc.DurableStashes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sensu's stash endpoints ({@link SensuApi} mounts them with the rest): JSON objects kept under a
 * path, as Sensu 1.x keeps them in Redis. {@code POST /stash(es)/PATH} keeps the body (a JSON object)
 * with no expiry; {@code POST /stashes} takes {@code {path, content, expire?}}; both answer 201
 * {@code {path}}. {@code GET /stash(es)/PATH} answers the content, {@code DELETE} answers 204, and
 * both 404 when nothing live is there. {@code GET /stashes} lists {@code {path, content, expire}},
 * {@code expire} being the seconds left (-1 without an expiry), sorted by path and paginated with
 * {@code limit} and {@code offset}. A path may hold slashes.
 */
final class SensuStashesApi {

    private final SensuService sensu;

    SensuStashesApi(SensuService sensu) {
        this.sensu = sensu;
    }

    /** Declares these endpoints under {@code prefix}, as {@link SensuApi#mount} does. */
    void mount(Routes r, String prefix) {
        r.get(prefix + "/stashes", Access.USER, "List stashes: {path, content, expire} (?limit, ?offset).", this::list);
        r.post(prefix + "/stashes", Access.USER, "Create a stash: {path, content, expire?}.", this::create);
        for (String base : new String[] {prefix + "/stash", prefix + "/stashes"}) {
            r.get(base + "/<path>", Access.USER, "A stash's content.", this::get);
            r.post(base + "/<path>", Access.USER, "Keep the body (a JSON object) as the stash at this path.", this::put);
            r.delete(base + "/<path>", Access.USER, "Delete a stash.", this::delete);
        }
    }

    private DurableStashes stashes() {
        return sensu.tables().stashes();
    }

    private void list(Context ctx) {
        DurableStashes stashes = stashes();
        long now = stashes.now();
        SensuPaging.respond(ctx, stashes.list().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.path());
            m.put("content", s.content());
            m.put("expire", s.ttl(now));
            return m;
        }).toList());
    }

    private void create(Context ctx) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        if (!(body.get("path") instanceof String path) || path.isEmpty()) {
            throw ApiException.badRequest("'path' must be a non-empty string");
        }
        if (!(body.get("content") instanceof Map<?, ?>)) {
            throw ApiException.badRequest("'content' must be an object");
        }
        Object expire = body.get("expire");
        if (expire != null && !JsonValues.isInteger(expire)) {
            throw ApiException.badRequest("'expire' must be an integer number of seconds");
        }
        keep(ctx, path, JsonValues.asMap(body.get("content")), expire == null ? null : JsonValues.asLong(expire));
    }

    private void put(Context ctx) {
        keep(ctx, ctx.pathParam("path"), JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx))), null);
    }

    private void keep(Context ctx, String path, Map<String, Object> content, Long expire) {
        sensu.engine().durably(() -> {
            stashes().put(path, content, expire);
            return null;
        });
        ctx.status(201).json(Map.of("path", path));
    }

    private void get(Context ctx) {
        String path = ctx.pathParam("path");
        ctx.json(stashes().get(path).orElseThrow(() -> ApiException.notFound("no stash at '" + path + "'")).content());
    }

    private void delete(Context ctx) {
        String path = ctx.pathParam("path");
        if (!sensu.engine().durably(() -> stashes().delete(path))) {
            throw ApiException.notFound("no stash at '" + path + "'");
        }
        ctx.status(204);
    }
}
