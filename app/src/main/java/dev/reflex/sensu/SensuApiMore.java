package dev.reflex.sensu;

import dev.reflex.api.Access;
import dev.reflex.api.ApiException;
import dev.reflex.api.ApiModule;
import dev.reflex.api.Bodies;
import dev.reflex.api.Routes;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Severity;
import dev.reflex.events.Aggregates;
import dev.reflex.events.SilenceEntry;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rest of Sensu's API ({@link SensuApi} mounts it with the rest): aggregates, silences, health,
 * info and settings. Settings are always redacted: {@code ?redacted=false}, which makes Sensu answer
 * its passwords, is not honoured.
 */
final class SensuApiMore implements ApiModule {

    private final SensuService sensu;

    SensuApiMore(SensuService sensu) {
        this.sensu = sensu;
    }

    @Override
    public void routes(Routes r) {
        mount(r, SensuApi.PREFIX);
    }

    /** Declares these endpoints under {@code prefix}, as {@link SensuApi#mount} does. */
    void mount(Routes r, String prefix) {
        r.get(prefix + "/aggregates", Access.USER, "List aggregates.", this::aggregates);
        r.get(prefix + "/aggregates/{name}", Access.USER, "An aggregate's result counts (?max_age).", this::aggregate);
        r.delete(prefix + "/aggregates/{name}", Access.USER, "Delete an aggregate.", this::deleteAggregate);
        r.get(prefix + "/aggregates/{name}/clients", Access.USER, "An aggregate's clients and their checks.",
                ctx -> SensuPaging.list(ctx, orNotFound(aggregates().byClient(ctx.pathParam("name")), ctx)));
        r.get(prefix + "/aggregates/{name}/checks", Access.USER, "An aggregate's checks and their clients.",
                ctx -> SensuPaging.list(ctx, orNotFound(aggregates().byCheck(ctx.pathParam("name")), ctx)));
        r.get(prefix + "/aggregates/{name}/results/{severity}", Access.USER,
                "An aggregate's results of one severity, summarised by output (?max_age).", this::bySeverity);
        r.get(prefix + "/silenced", Access.USER, "List silence entries (?limit, ?offset).",
                ctx -> silenced(ctx, e -> true));
        r.post(prefix + "/silenced", Access.USER,
                "Create a silence entry: {subscription?, check?, begin?, expire?, reason?, creator?, expire_on_resolve?}.",
                this::silence);
        r.post(prefix + "/silenced/clear", Access.USER, "Delete a silence entry: {id} or {subscription?, check?}.",
                this::clear);
        r.get(prefix + "/silenced/subscriptions/{subscription}", Access.USER, "Silence entries of a subscription.",
                ctx -> silenced(ctx, e -> ctx.pathParam("subscription").equals(e.subscription())));
        r.get(prefix + "/silenced/checks/{check}", Access.USER, "Silence entries of a check.",
                ctx -> silenced(ctx, e -> ctx.pathParam("check").equals(e.check())));
        r.get(prefix + "/silenced/ids/{id}", Access.USER, "One silence entry.", this::silencedId);
        r.get(prefix + "/health", Access.USER, "204 when healthy (?consumers, ?messages: minimum agents, maximum backlog).",
                this::health);
        r.get(prefix + "/info", Access.USER, "Version and state of the Sensu service.", this::info);
        r.get(prefix + "/settings", Access.USER, "The Sensu settings as loaded, sensitive values redacted.",
                ctx -> ctx.json(dev.reflex.checks.Redaction.redact(sensu.settings().document(),
                        dev.reflex.checks.Redaction.DEFAULT_KEYS)));
    }

    private Aggregates aggregates() {
        return new Aggregates(sensu.tables().events());
    }

    private long now() {
        return sensu.clock().instant().getEpochSecond();
    }

    private static <T> T orNotFound(java.util.Optional<T> value, Context ctx) {
        return value.orElseThrow(() -> ApiException.notFound("no aggregate named '" + ctx.pathParam("name") + "'"));
    }

    private void aggregates(Context ctx) {
        SensuPaging.respond(ctx, sensu.tables().events().aggregates().stream().map(a -> Map.of("name", a)).toList());
    }

    private Long maxAge(Context ctx) {
        Integer age = SensuPaging.integer(ctx, "max_age");
        return age == null ? null : age.longValue();
    }

    private void aggregate(Context ctx) {
        ctx.json(orNotFound(aggregates().summary(ctx.pathParam("name"), maxAge(ctx), now()), ctx).toSensuMap());
    }

    private void deleteAggregate(Context ctx) {
        String name = ctx.pathParam("name");
        if (!sensu.engine().durably(() -> sensu.tables().events().deleteAggregate(name))) {
            throw ApiException.notFound("no aggregate named '" + name + "'");
        }
        ctx.status(204);
    }

    private void bySeverity(Context ctx) {
        Severity severity;
        try {
            severity = Severity.fromLabel(ctx.pathParam("severity"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("severity must be ok, warning, critical or unknown");
        }
        if (severity == null) {
            throw ApiException.badRequest("severity must be ok, warning, critical or unknown");
        }
        SensuPaging.list(ctx, orNotFound(aggregates().resultsBySeverity(ctx.pathParam("name"), severity, maxAge(ctx), now()), ctx));
    }

    private void silenced(Context ctx, Predicate<SilenceEntry> which) {
        long now = now();
        SensuPaging.respond(ctx, sensu.tables().silences().list().stream().filter(which)
                .map(e -> e.toSensuMap(now)).toList());
    }

    private void silencedId(Context ctx) {
        String id = ctx.pathParam("id");
        SilenceEntry e = sensu.tables().silences().get(id)
                .orElseThrow(() -> ApiException.notFound("no silence entry '" + id + "'"));
        ctx.json(e.toSensuMap(now()));
    }

    private static String optionalString(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return s;
    }

    private static Long optionalInteger(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!JsonValues.isInteger(v)) {
            throw ApiException.badRequest("'" + field + "' must be an integer");
        }
        return JsonValues.asLong(v);
    }

    private void silence(Context ctx) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        String subscription = optionalString(body, "subscription");
        String check = optionalString(body, "check");
        Long begin = optionalInteger(body, "begin");
        Long expire = optionalInteger(body, "expire");
        if (expire != null && expire < 1) {
            throw ApiException.badRequest("'expire' must be a positive number of seconds");
        }
        Object eor = body.get("expire_on_resolve");
        if (eor != null && !(eor instanceof Boolean)) {
            throw ApiException.badRequest("'expire_on_resolve' must be true or false");
        }
        if (subscription == null && check == null) {
            throw ApiException.badRequest("a silence entry needs a subscription, a check, or both");
        }
        SilenceEntry entry = SilenceEntry.create(subscription, check, begin, expire, optionalString(body, "reason"),
                optionalString(body, "creator"), Boolean.TRUE.equals(eor), now());
        sensu.engine().durably(() -> {
            sensu.tables().silences().put(entry);
            return null;
        });
        ctx.status(201);
    }

    private void clear(Context ctx) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        String id = optionalString(body, "id");
        if (id == null) {
            String subscription = optionalString(body, "subscription");
            String check = optionalString(body, "check");
            if (subscription == null && check == null) {
                throw ApiException.badRequest("give an id, or a subscription and/or a check");
            }
            id = (subscription == null ? "*" : subscription) + ":" + (check == null ? "*" : check);
        }
        String which = id;
        if (!sensu.engine().durably(() -> sensu.tables().silences().delete(which))) {
            throw ApiException.notFound("no silence entry '" + which + "'");
        }
        ctx.status(204);
    }

    /**
     * 204 when healthy; otherwise 412 with Sensu's list of reasons. Connected agents stand for the
     * keepalive and result consumers, the processor's backlog for the result messages.
     */
    private void health(Context ctx) {
        Integer consumers = SensuPaging.integer(ctx, "consumers");
        Integer messages = SensuPaging.integer(ctx, "messages");
        int agents = sensu.hub().connectedClients().size();
        int backlog = sensu.engine().pendingPairs();
        List<String> reasons = new java.util.ArrayList<>();
        if (consumers != null && agents < consumers) {
            reasons.add("keepalive consumers (" + agents + ") less than min_consumers (" + consumers + ")");
            reasons.add("result consumers (" + agents + ") less than min_consumers (" + consumers + ")");
        }
        if (messages != null && backlog > messages) {
            reasons.add("result messages (" + backlog + ") greater than max_messages (" + messages + ")");
        }
        if (reasons.isEmpty()) {
            ctx.status(204);
        } else {
            ctx.status(412).json(reasons);
        }
    }

    private void info(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sensu", Map.of("version", "1.9.0", "reflex_version", sensu.version()));
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("name", "websocket");
        transport.put("keepalives", Map.of("messages", 0, "consumers", sensu.hub().connectedClients().size()));
        transport.put("results", Map.of("messages", sensu.engine().pendingPairs(),
                "consumers", sensu.hub().connectedClients().size()));
        transport.put("connected", true);
        out.put("transport", transport);
        out.put("redis", Map.of("connected", true));
        out.put("servers", List.of());
        ctx.json(out);
    }
}
