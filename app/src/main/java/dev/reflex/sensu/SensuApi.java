package dev.reflex.sensu;

import dev.reflex.api.Access;
import dev.reflex.api.ApiException;
import dev.reflex.api.ApiModule;
import dev.reflex.api.Bodies;
import dev.reflex.api.Routes;
import dev.reflex.checks.CheckDefinition;
import dev.reflex.checks.CheckResult;
import dev.reflex.checks.ClientValidator;
import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Redaction;
import dev.reflex.events.Event;
import dev.reflex.events.EventEngine;
import dev.reflex.events.ResultKey;
import dev.reflex.events.StatusHistory;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sensu 1.x's HTTP API under {@code /sensu/}: clients, checks, check requests, events, resolve and
 * results, with Sensu's status codes, bodies and pagination ({@link SensuPaging}); aggregates,
 * silences, health and info are in {@link SensuApiMore}. Errors are problem documents, like the rest
 * of the API. Every change is durable before the answer.
 */
public final class SensuApi implements ApiModule {

    /** The path of the agents' WebSocket endpoint. */
    public static final String AGENT_PATH = "/api/v1/agent/ws";

    /** Where Sensu's API is mounted on Reflex's API port. */
    public static final String PREFIX = "/sensu";

    private final SensuService sensu;

    public SensuApi(SensuService sensu) {
        this.sensu = sensu;
    }

    @Override
    public void routes(Routes r) {
        r.webSocket(AGENT_PATH, Access.USER, "The agents' connection: keepalives and results in, check requests out.",
                sensu::webSocket);
        mount(r, PREFIX);
    }

    /**
     * Declares Sensu's endpoints under {@code prefix}: {@value #PREFIX} on Reflex's API port, and the
     * empty prefix (Sensu's own root paths) on the Sensu API port. The one table serves both.
     */
    public void mount(Routes r, String prefix) {
        r.get(prefix + "/clients", Access.USER, "List clients (?limit, ?offset).", this::clients);
        r.post(prefix + "/clients", Access.USER, "Create or update a client (keepalives off unless set).", this::postClient);
        r.get(prefix + "/clients/{client}", Access.USER, "Get a client (redacted).", this::client);
        r.get(prefix + "/clients/{client}/history", Access.USER, "A client's check histories.", this::history);
        r.delete(prefix + "/clients/{client}", Access.USER, "Resolve a client's events and delete it.", this::deleteClient);
        r.get(prefix + "/checks", Access.USER, "List check definitions (standalone ones excepted).", this::checks);
        r.get(prefix + "/checks/{check}", Access.USER, "Get a check definition.", this::check);
        r.delete(prefix + "/checks/{check}", Access.USER, "Delete a check's results and histories everywhere.",
                this::deleteCheck);
        r.post(prefix + "/request", Access.USER, "Publish a check request: {check, subscribers?, reason?, creator?}.",
                this::request);
        for (String base : List.of(prefix + "/events", prefix + "/incidents")) {
            r.get(base, Access.USER, "List events (?limit, ?offset).", this::events);
            r.get(base + "/{client}", Access.USER, "A client's events.", this::clientEvents);
            r.get(base + "/{client}/{check}", Access.USER, "One event.", this::event);
            r.delete(base + "/{client}/{check}", Access.USER, "Resolve and delete an event.", this::resolveEvent);
        }
        r.post(prefix + "/resolve", Access.USER, "Resolve an event: {client, check}.", this::resolve);
        r.get(prefix + "/results", Access.USER, "List the latest results (?limit, ?offset).", this::results);
        r.post(prefix + "/results", Access.USER, "Submit a check result from anywhere (client sensu-api unless source).",
                this::postResult);
        r.get(prefix + "/results/{client}", Access.USER, "A client's latest results.", this::clientResults);
        r.get(prefix + "/results/{client}/{check}", Access.USER, "One latest result.", this::result);
        r.delete(prefix + "/results/{client}/{check}", Access.USER, "Delete a result and its history.", this::deleteResult);
        new SensuApiMore(sensu).mount(r, prefix);
        new SensuStashesApi(sensu).mount(r, prefix);
    }

    private EventEngine engine() {
        return sensu.engine();
    }

    private long now() {
        return sensu.clock().instant().getEpochSecond();
    }

    private void clients(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : sensu.tables().clients().names()) {
            sensu.tables().clients().get(name).ifPresent(c -> out.add(Redaction.redactClient(c)));
        }
        SensuPaging.respond(ctx, out);
    }

    private void postClient(Context ctx) {
        Map<String, Object> client = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        if (!client.containsKey("keepalives")) {
            client.put("keepalives", false);
        }
        if (!client.containsKey("subscriptions")) {
            client.put("subscriptions", new ArrayList<>());
        }
        client.putIfAbsent("timestamp", now());
        var problems = new dev.reflex.checks.Problems("<POST /sensu/clients>");
        ClientValidator.validate(client, "", problems);
        if (!problems.list().isEmpty()) {
            List<String> errors = problems.list().stream().map(p -> p.path() + ": " + p.message()).toList();
            throw ApiException.invalid("invalid client: " + String.join("; ", errors), errors);
        }
        boolean stored = engine().durably(() -> engine().keepalive(client));
        if (!stored) {
            throw ApiException.badRequest("the client's signature does not match the one recorded");
        }
        ctx.status(201).json(Map.of("name", client.get("name")));
    }

    private Map<String, Object> clientOr404(String name) {
        return sensu.tables().clients().get(name)
                .orElseThrow(() -> ApiException.notFound("no client named '" + name + "'"));
    }

    private void client(Context ctx) {
        ctx.json(Redaction.redactClient(clientOr404(ctx.pathParam("client"))));
    }

    private void history(Context ctx) {
        String name = ctx.pathParam("client");
        clientOr404(name);
        List<Map<String, Object>> out = new ArrayList<>();
        List<ResultKey> keys = sensu.tables().events().resultKeys().stream().filter(k -> k.client().equals(name)).toList();
        Map<ResultKey, Map<String, Object>> results = sensu.tables().events().results(keys);
        for (ResultKey k : keys) {
            Map<String, Object> result = results.getOrDefault(k, Map.of());
            StatusHistory h = sensu.tables().events().history(k);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("check", k.check());
            item.put("history", h.asIntegers());
            item.put("last_execution", result.get("executed"));
            item.put("last_status", h.size() == 0 ? null : h.get(h.size() - 1));
            item.put("last_result", result);
            out.add(item);
        }
        SensuPaging.list(ctx, out);
    }

    private void deleteClient(Context ctx) {
        String name = ctx.pathParam("client");
        clientOr404(name);
        // Sensu's invalidation: the name's keepalives and results are dropped for invalidate_expire
        // seconds from now (without it, Sensu forgets the mark once the client is deleted).
        Long expire = invalidateExpire(ctx);
        if (expire != null) {
            engine().durably(() -> {
                engine().processor().clients().invalidate(name, sensu.clock().instant().plusSeconds(expire));
                return null;
            });
        }
        List<CompletableFuture<?>> resolving = new ArrayList<>();
        for (Event e : sensu.tables().events().events(name)) {
            resolving.add(engine().submit(resolution(e)));
        }
        CompletableFuture.allOf(resolving.toArray(CompletableFuture[]::new)).join();
        engine().durably(() -> {
            for (ResultKey k : sensu.tables().events().resultKeys()) {
                if (k.client().equals(name)) {
                    sensu.tables().events().deleteResult(k);
                }
            }
            return sensu.tables().clients().delete(name);
        });
        ctx.status(202).json(Map.of("issued", now()));
    }

    /**
     * The seconds a deletion invalidates the client for: {@code invalidate_expire} when
     * {@code invalidate} is set (any value but {@code false} or {@code 0}; Sensu takes any value) and
     * the expiry is a whole number; otherwise null, and the deletion invalidates nothing.
     */
    private static Long invalidateExpire(Context ctx) {
        String invalidate = ctx.queryParam("invalidate");
        String expire = ctx.queryParam("invalidate_expire");
        if (invalidate == null || invalidate.equalsIgnoreCase("false") || invalidate.equals("0") || expire == null
                || !expire.matches("[0-9]{1,12}")) {
            return null;
        }
        return Long.parseLong(expire);
    }

    private void checks(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CheckDefinition c : sensu.settings().checks().values()) {
            if (!c.standalone()) {
                out.add(definition(c));
            }
        }
        SensuPaging.respond(ctx, out);
    }

    static Map<String, Object> definition(CheckDefinition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.putAll(c.attributes());
        return m;
    }

    private CheckDefinition checkOr404(String name) {
        CheckDefinition c = sensu.settings().check(name).orElse(null);
        if (c == null || c.standalone()) {
            throw ApiException.notFound("no check named '" + name + "'");
        }
        return c;
    }

    private void check(Context ctx) {
        ctx.json(definition(checkOr404(ctx.pathParam("check"))));
    }

    private void deleteCheck(Context ctx) {
        String name = ctx.pathParam("check");
        checkOr404(name);
        engine().durably(() -> {
            for (ResultKey k : sensu.tables().events().resultKeys()) {
                if (k.check().equals(name)) {
                    sensu.tables().events().deleteResult(k);
                }
            }
            return null;
        });
        ctx.status(202).json(Map.of("issued", now()));
    }

    private void request(Context ctx) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        if (!(body.get("check") instanceof String name) || name.isEmpty()) {
            throw ApiException.badRequest("'check' (a check name) is required");
        }
        List<String> subscribers = null;
        if (body.get("subscribers") != null) {
            List<Object> given = JsonValues.asList(body.get("subscribers"));
            if (given == null || given.stream().anyMatch(s -> !(s instanceof String str) || str.isEmpty())) {
                throw ApiException.badRequest("'subscribers' must be an array of non-empty strings");
            }
            subscribers = given.stream().map(String::valueOf).toList();
        }
        CheckDefinition check = sensu.settings().check(name)
                .orElseThrow(() -> ApiException.notFound("no check named '" + name + "'"));
        sensu.scheduler().publish(check, sensu.clock().instant(), subscribers);
        ctx.status(202).json(Map.of("issued", now()));
    }

    private void events(Context ctx) {
        SensuPaging.respond(ctx, sensu.tables().events().events().stream().map(Event::toSensuMap).toList());
    }

    private void clientEvents(Context ctx) {
        SensuPaging.list(ctx, sensu.tables().events().events(ctx.pathParam("client")).stream().map(Event::toSensuMap).toList());
    }

    private Event eventOr404(String client, String check) {
        return sensu.tables().events().event(new ResultKey(client, check))
                .orElseThrow(() -> ApiException.notFound("no event for client '" + client + "' and check '" + check + "'"));
    }

    private void event(Context ctx) {
        ctx.json(eventOr404(ctx.pathParam("client"), ctx.pathParam("check")).toSensuMap());
    }

    /** The result Sensu publishes to resolve an event on request: status 0, force_resolve, no history. */
    static CheckResult resolution(Event e) {
        Map<String, Object> check = new LinkedHashMap<>(e.check());
        check.remove("history");
        check.remove("total_state_change");
        check.put("output", "Resolving on request of the API");
        check.put("status", 0L);
        check.put("force_resolve", true);
        return CheckResult.of(e.clientName(), check);
    }

    private void resolveEvent(Context ctx) {
        Event e = eventOr404(ctx.pathParam("client"), ctx.pathParam("check"));
        engine().submit(resolution(e)).join();
        ctx.status(202).json(Map.of("issued", now()));
    }

    private void resolve(Context ctx) {
        Map<String, Object> body = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        if (!(body.get("client") instanceof String client) || !(body.get("check") instanceof String check)) {
            throw ApiException.badRequest("'client' and 'check' (strings) are required");
        }
        engine().submit(resolution(eventOr404(client, check))).join();
        ctx.status(202).json(Map.of("issued", now()));
    }

    private Map<String, Object> resultView(ResultKey k, Map<String, Object> result) {
        Map<String, Object> check = new LinkedHashMap<>(result);
        check.put("history", sensu.tables().events().history(k).asIntegers());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", k.client());
        m.put("check", check);
        return m;
    }

    /** The results of {@code keys} as the API shows them (the state reads many with one pass over its table). */
    private List<Map<String, Object>> resultViews(List<ResultKey> keys) {
        Map<ResultKey, Map<String, Object>> results = sensu.tables().events().results(keys);
        return keys.stream().map(k -> resultView(k, results.getOrDefault(k, Map.of()))).toList();
    }

    private void results(Context ctx) {
        SensuPaging.respond(ctx, resultViews(sensu.tables().events().resultKeys()));
    }

    private void clientResults(Context ctx) {
        String client = ctx.pathParam("client");
        SensuPaging.list(ctx, resultViews(sensu.tables().events().resultKeys().stream()
                .filter(k -> k.client().equals(client)).toList()));
    }

    private void result(Context ctx) {
        ResultKey k = new ResultKey(ctx.pathParam("client"), ctx.pathParam("check"));
        Map<String, Object> result = sensu.tables().events().result(k).orElseThrow(() ->
                ApiException.notFound("no result for client '" + k.client() + "' and check '" + k.check() + "'"));
        ctx.json(resultView(k, result));
    }

    private void postResult(Context ctx) {
        Map<String, Object> check = JsonValues.asMap(JsonValues.toJava(Bodies.object(ctx)));
        Map<String, Object> accepted;
        try {
            accepted = CheckResult.accept(check, sensu.clock(), "<POST /sensu/results>");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid check result: " + e.getMessage());
        }
        engine().submit(CheckResult.of("sensu-api", accepted)).join();
        ctx.status(202).json(Map.of("issued", now()));
    }

    private void deleteResult(Context ctx) {
        ResultKey k = new ResultKey(ctx.pathParam("client"), ctx.pathParam("check"));
        if (sensu.tables().events().resultFacts(k).isEmpty()) {
            throw ApiException.notFound("no result for client '" + k.client() + "' and check '" + k.check() + "'");
        }
        engine().durably(() -> {
            sensu.tables().events().deleteResult(k);
            return null;
        });
        ctx.status(204);
    }
}
