package dev.reflex.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.store.Sql;
import dev.reflex.triggers.webhooks.WebhookRegistry;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * StackStorm's webhooks: {@code POST /api/v1/webhooks/{hook}} for every URL registered by an enabled
 * rule on {@code core.st2.webhook}, and {@code POST /api/v1/webhooks/st2} taking
 * {@code {trigger, payload}}. Bodies are JSON or form-encoded. The answer is StackStorm's: 202 with
 * the body echoed once every trigger instance is durable; 404 {@code Webhook <hook> not registered
 * with st2}; 400 {@code Trigger not specified.}; 400 for an {@code st2} body that is not an object.
 * Errors are problem documents that also carry StackStorm's {@code faultstring}. The POST is an
 * {@link AsyncPost}: served by a lean Jetty handler, answered without holding a thread while the
 * instance is committed.
 */
public final class WebhooksModule implements ApiModule {

    private static final String TRACE_TAG_HEADER = "St2-Trace-Tag";
    private static final Set<String> REMOVED_HEADERS = Set.of("st2-api-key", "x-auth-token", "cookie", "authorization",
            "st2-trace-tag");

    private final WebhookRegistry hooks;
    private final DurableTriggerEmitter emitter;

    /** The module over the registered hooks and the emitter. */
    public WebhooksModule(WebhookRegistry hooks, DurableTriggerEmitter emitter) {
        this.hooks = hooks;
        this.emitter = emitter;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/webhooks", Access.USER, "List the registered webhooks and their triggers.", this::list);
        r.asyncPost("/api/v1/webhooks/<hook>", Access.USER,
                "Send a webhook: st2 takes {trigger, payload}; any other hook must be registered by an enabled rule.",
                this::post);
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        hooks.all().forEach((url, triggers) -> {
            for (Trigger t : triggers) {
                out.add(TriggersModule.triggerView(t));
            }
        });
        ctx.json(out);
    }

    /**
     * Answers one webhook: 202 with the body echoed once every trigger instance is durable, or
     * StackStorm's fault. Validation errors answer at once; the future of an accepted webhook
     * completes on the thread that saw its last commit.
     */
    CompletableFuture<AsyncPost.Reply> post(AsyncPost.Request request) {
        String hook = request.param();
        Object body;
        try {
            body = body(request);
        } catch (IllegalArgumentException e) {
            return fault(request, 400, e.getMessage());
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        String traceTag = null;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("st2-trace-tag")) {
                traceTag = h.getValue();
            }
            if (!REMOVED_HEADERS.contains(lower)) {
                headers.put(h.getKey(), h.getValue());
            }
        }
        if (traceTag == null || traceTag.isBlank()) {
            traceTag = "webhook-" + hook + "-" + hex32();
        }
        CompletableFuture<?> stored;
        if (hook.equals("st2") || hook.equals("st2/")) {
            if (!(body instanceof Map<?, ?> map)) {
                return fault(request, 400, "Webhook body needs to be an object, got: " + jsonType(body));
            }
            Object trigger = map.get("trigger");
            if (trigger == null || "".equals(trigger) || Boolean.FALSE.equals(trigger)) {
                return fault(request, 400, "Trigger not specified.");
            }
            if (!(trigger instanceof String ref)) {
                return fault(request, 400, "'trigger' must be the ref of a trigger (a string), got: " + jsonType(trigger));
            }
            Object payload = map.get("payload");
            if (payload != null && !(payload instanceof Map)) {
                return fault(request, 400, "'payload' must be an object, got: " + jsonType(payload));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> p = payload == null ? Map.of() : (Map<String, Object>) payload;
            stored = emitter.emitAsync(ref, p, traceTag);
        } else {
            List<Trigger> triggers = hooks.triggers(hook);
            if (triggers.isEmpty()) {
                return fault(request, 404, "Webhook " + hook + " not registered with st2");
            }
            Map<String, Object> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("headers", headers);
            payload.put("headers_lower", lower);
            payload.put("body", body);
            String tag = traceTag;
            // one after the other, as a failing trigger must leave the earlier ones stored and no later one
            stored = emitter.emitAsync(triggers.getFirst(), payload, tag);
            for (Trigger t : triggers.subList(1, triggers.size())) {
                stored = stored.thenCompose(done -> emitter.emitAsync(t, payload, tag));
            }
        }
        // the echo is made here, on the request's thread, not where the commit completes
        AsyncPost.Reply accepted = new AsyncPost.Reply(202, "application/json", Sql.jsonBytes(body));
        return stored.handle((done, failure) -> {
            if (failure == null) {
                return accepted;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof IllegalArgumentException) {
                return faultReply(request, 400, cause.getMessage());
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }


    /** The body: form fields for a form-encoded request, else JSON ({} when empty). */
    private static Object body(AsyncPost.Request request) {
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            Map<String, Object> form = new LinkedHashMap<>();
            AsyncPost.formFields(new String(request.body(), request.charset()), request.charset())
                    .forEach((k, v) -> form.put(k, v.size() == 1 ? v.getFirst() : List.copyOf(v)));
            return form;
        }
        byte[] bytes = request.body();
        if (bytes.length == 0) {
            return new LinkedHashMap<String, Object>();
        }
        try {
            return Sql.readJson(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IllegalArgumentException("malformed JSON in the request body" + (loc == null ? "" : " at line "
                    + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable request body: " + e.getMessage());
        }
    }

    /** The JSON name of a value's type, as StackStorm names it in its message. */
    static String jsonType(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            case String s -> "string";
            case Boolean b -> "boolean";
            case Long l -> "integer";
            case Integer i -> "integer";
            case java.math.BigInteger i -> "integer";
            case Number n -> "number";
            default -> v.getClass().getSimpleName();
        };
    }

    private static CompletableFuture<AsyncPost.Reply> fault(AsyncPost.Request request, int status, String message) {
        return CompletableFuture.completedFuture(faultReply(request, status, message));
    }

    /** A problem document that also carries StackStorm's {@code faultstring}. */
    private static AsyncPost.Reply faultReply(AsyncPost.Request request, int status, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", ApiServer.reason(status));
        problem.put("status", status);
        problem.put("detail", message);
        problem.put("instance", request.path());
        problem.put("faultstring", message);
        return new AsyncPost.Reply(status, Problem.MEDIA_TYPE, Sql.json(problem).getBytes(StandardCharsets.UTF_8));
    }

    private static String hex32() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextLong());
    }
}
