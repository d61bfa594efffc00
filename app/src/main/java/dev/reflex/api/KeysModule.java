package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reflex.store.KeyValue;
import dev.reflex.store.KeyValueStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key-value datastore over HTTP, shaped as StackStorm's {@code /api/v1/keys}. Secret values are
 * masked unless {@code ?decrypt=true} is asked by an admin key.
 */
public final class KeysModule implements ApiModule {

    private static final Set<String> PUT_FIELDS = Set.of("name", "value", "secret", "ttl", "scope", "encrypted");
    private static final int MAX_NAME = 512;

    private final KeyValueStore keys;

    public KeysModule(KeyValueStore keys) {
        this.keys = keys;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/keys", Access.USER, "List keys, optionally by name prefix (?prefix=, ?decrypt=true).", this::list);
        r.get("/api/v1/keys/{name}", Access.USER, "Get one key (?decrypt=true for a secret's value).", this::get);
        r.put("/api/v1/keys/{name}", Access.USER, "Create or replace a key: {value, secret, ttl}.", this::put);
        r.delete("/api/v1/keys/{name}", Access.USER, "Delete a key.", this::delete);
    }

    private void list(Context ctx) {
        boolean decrypt = decrypt(ctx);
        String prefix = ctx.queryParam("prefix");
        List<Map<String, Object>> out = new ArrayList<>();
        for (KeyValue kv : keys.list(prefix == null ? "" : prefix)) {
            out.add(view(decrypt ? kv : kv.masked()));
        }
        ctx.json(out);
    }

    private void get(Context ctx) {
        boolean decrypt = decrypt(ctx);
        String name = name(ctx);
        KeyValue kv = keys.get(name).orElseThrow(() -> ApiException.notFound("no key named '" + name + "'"));
        ctx.json(view(decrypt ? kv : kv.masked()));
    }

    private void put(Context ctx) {
        String name = name(ctx);
        ObjectNode body = Bodies.object(ctx);
        List<String> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!PUT_FIELDS.contains(f)) {
                errors.add("unknown field '" + f + "'; known fields: name, value, secret, ttl, scope");
            }
        });
        JsonNode value = body.get("value");
        if (value == null || value.isNull()) {
            errors.add("'value' is required");
        } else if (!value.isTextual()) {
            errors.add("'value' must be a string (serialise structured values as JSON text)");
        }
        if (body.has("name") && !name.equals(body.get("name").asText())) {
            errors.add("'name' in the body (" + body.get("name").asText() + ") differs from the name in the path");
        }
        JsonNode secret = body.get("secret");
        if (secret != null && !secret.isBoolean()) {
            errors.add("'secret' must be true or false");
        }
        JsonNode ttl = body.get("ttl");
        if (ttl != null && !ttl.isNull() && (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 1)) {
            errors.add("'ttl' must be a whole number of seconds, at least 1");
        }
        JsonNode scope = body.get("scope");
        if (scope != null && !scope.isNull() && !Set.of("st2kv.system", "system").contains(scope.asText())) {
            errors.add("'scope' " + scope + " is not supported; only st2kv.system");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid key '" + name + "': " + String.join("; ", errors), errors);
        }
        Duration ttlDuration = ttl == null || ttl.isNull() ? null : Duration.ofSeconds(ttl.asLong());
        KeyValue stored = keys.put(name, value.asText(), secret != null && secret.asBoolean(), ttlDuration);
        ctx.json(view(stored.masked()));
    }

    private void delete(Context ctx) {
        String name = name(ctx);
        if (!keys.delete(name)) {
            throw ApiException.notFound("no key named '" + name + "'");
        }
        ctx.status(204);
    }

    private static boolean decrypt(Context ctx) {
        String d = ctx.queryParam("decrypt");
        if (d == null || d.equalsIgnoreCase("false")) {
            return false;
        }
        if (!d.equalsIgnoreCase("true")) {
            throw ApiException.badRequest("'decrypt' must be true or false");
        }
        Caller c = ApiServer.caller(ctx);
        if (!c.authenticated()) {
            throw ApiException.unauthorized("decrypting secrets needs an admin API key");
        }
        if (!c.admin()) {
            throw ApiException.forbidden("API key '" + c.keyName() + "' is not an admin key; it cannot decrypt secrets");
        }
        return true;
    }

    private static String name(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("a key name must have 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    static Map<String, Object> view(KeyValue kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "st2kv.system:" + kv.name());
        m.put("name", kv.name());
        m.put("value", kv.value());
        m.put("secret", kv.secret());
        m.put("encrypted", kv.secret() && KeyValue.MASK.equals(kv.value()));
        m.put("scope", "st2kv.system");
        m.put("expire_timestamp", kv.expiresAt() == null ? null : kv.expiresAt().toString());
        m.put("updated_at", kv.updatedAt() == null ? null : kv.updatedAt().toString());
        return m;
    }
}
