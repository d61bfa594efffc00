package dev.reflex.api;

import dev.reflex.config.ReflexConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * API-key authentication. A key is accepted from the {@code St2-Api-Key} header (StackStorm's), the
 * {@code X-Auth-Token} header, {@code Authorization: Bearer …}, or the {@code st2-api-key} query
 * parameter (for webhook senders that cannot set headers). Keys are compared in constant time.
 *
 * <p>Keys are required when configured so ({@code http.require_auth: true}) or, by default, whenever
 * the listener is bound to an address other than loopback. A server that requires keys but has none
 * configured refuses to start, rather than be open or useless.
 */
public final class Auth {

    /** The request headers that can carry a key; removed from payloads that record headers. */
    public static final List<String> KEY_HEADERS = List.of("St2-Api-Key", "X-Auth-Token", "Authorization");

    private final List<ReflexConfig.ApiKey> keys;
    private final boolean required;

    public Auth(ReflexConfig.Http http, List<ReflexConfig.ApiKey> keys) {
        this.keys = List.copyOf(keys);
        this.required = http.requireAuth() != null ? http.requireAuth() : !isLoopback(http.bind());
        if (required && keys.isEmpty()) {
            throw new IllegalArgumentException("the API requires keys (bound to " + http.bind()
                    + (http.requireAuth() != null ? ", require_auth: true" : ", which is not loopback")
                    + ") but no api_keys are configured; add api_keys to reflex.yaml or REFLEX_API_KEYS");
        }
    }

    /** Whether requests must present a key. */
    public boolean required() {
        return required;
    }

    /**
     * Identifies the caller and checks that it may use an endpoint with {@code access}.
     *
     * @throws ApiException 401 or 403 when it may not
     */
    public Caller authorize(Context ctx, Access access) {
        return authorize(presentedKey(ctx), access);
    }

    /**
     * Checks that the caller presenting {@code presented} (null when no key was sent) may use an
     * endpoint with {@code access}.
     *
     * @throws ApiException 401 or 403 when it may not
     */
    public Caller authorize(String presented, Access access) {
        Caller caller = Caller.ANONYMOUS;
        if (presented != null) {
            caller = lookup(presented);
            if (caller == null && access != Access.PUBLIC) {
                throw ApiException.unauthorized("the API key presented is not valid");
            }
            if (caller == null) {
                caller = Caller.ANONYMOUS;
            }
        }
        switch (access) {
            case PUBLIC -> {
            }
            case USER -> {
                if (required && !caller.authenticated()) {
                    throw ApiException.unauthorized("an API key is required: send it as St2-Api-Key, X-Auth-Token"
                            + " or Authorization: Bearer");
                }
            }
            case ADMIN -> {
                if (!caller.authenticated()) {
                    throw ApiException.unauthorized("this operation needs an admin API key");
                }
                if (!caller.admin()) {
                    throw ApiException.forbidden("API key '" + caller.keyName() + "' is not an admin key");
                }
            }
        }
        return caller;
    }

    private Caller lookup(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (ReflexConfig.ApiKey k : keys) {
            // compare against every key so timing does not reveal which one nearly matched
            if (MessageDigest.isEqual(p, k.key().getBytes(StandardCharsets.UTF_8)) && found == null) {
                found = new Caller(k.name(), k.admin());
            }
        }
        return found;
    }

    static String presentedKey(Context ctx) {
        return presentedKey(ctx::header, () -> ctx.queryParam("st2-api-key"));
    }

    /**
     * The key a request presents, from its headers ({@code header} looks a name up, ignoring case)
     * or else its {@code st2-api-key} query parameter ({@code queryKey}, asked only when needed).
     */
    static String presentedKey(Function<String, String> header, Supplier<String> queryKey) {
        String v = header.apply("St2-Api-Key");
        if (v == null || v.isBlank()) {
            v = header.apply("X-Auth-Token");
        }
        if (v == null || v.isBlank()) {
            String authz = header.apply("Authorization");
            if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
                v = authz.substring(7).trim();
            }
        }
        if (v == null || v.isBlank()) {
            v = queryKey.get();
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Whether {@code bind} names only this machine. */
    static boolean isLoopback(String bind) {
        if (bind == null || bind.isBlank()) {
            return false;
        }
        if (bind.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
