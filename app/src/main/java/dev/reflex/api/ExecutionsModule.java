package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionQuery;
import dev.reflex.executions.ExecutionService;
import dev.reflex.executions.ExecutionStatus;
import dev.reflex.executions.OutputBuffer;
import dev.reflex.runners.OutputType;
import dev.reflex.template.PyJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code /api/v1/executions}: list with filters, get, run ({@code POST}), cancel ({@code PUT} with a
 * canceling status, or {@code DELETE}), pause and resume workflows ({@code PUT} with a pausing or
 * resuming status), re-run, children, and the live output streamed while the execution runs
 * (chunked {@code text/plain}).
 */
public final class ExecutionsModule implements ApiModule {

    private static final Set<String> RUN_FIELDS = Set.of("action", "parameters", "user", "context", "id");
    private static final Set<String> RERUN_FIELDS = Set.of("parameters", "tasks", "reset", "user", "delay", "no_merge");

    private final ExecutionService executions;
    private final ActionRegistry actions;
    private final Clock clock;
    private final String systemUser;
    private final ActionViewCache actionViews = new ActionViewCache();

    /** Runs the completion of an asynchronous request on a virtual thread of its own. */
    private static final Executor ANSWER = task -> Thread.ofVirtual().name("execution-answer").start(task);

    /** The module over the engine; {@code systemUser} is the user of unauthenticated requests. */
    public ExecutionsModule(ExecutionService executions, ActionRegistry actions, Clock clock, String systemUser) {
        this.executions = executions;
        this.actions = actions;
        this.clock = clock;
        this.systemUser = systemUser;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/executions", Access.USER, "List executions, newest first (?action= &status= &rule= "
                + "&trigger_instance= &parent= &timestamp_gt= &timestamp_lt= &limit= &offset=).", this::list);
        r.asyncPost("/api/v1/executions", Access.USER, "Run an action: {action, parameters}.", this::run);
        r.get("/api/v1/executions/{id}", Access.USER, "Get one execution.", this::get);
        r.put("/api/v1/executions/{id}", Access.USER, "Change status: {status: canceling} cancels, "
                + "{status: pausing} pauses a running workflow, {status: resuming} resumes a paused one.", this::put);
        r.delete("/api/v1/executions/{id}", Access.USER, "Cancel an execution.", this::cancel);
        r.post("/api/v1/executions/{id}/re_run", Access.USER, "Run again: {parameters, no_merge, user}.", this::rerun);
        r.get("/api/v1/executions/{id}/children", Access.USER, "The child executions, oldest first; ?depth=N "
                + "also lists their descendants down to N levels (-1: all), each after its parent.", this::children);
        r.get("/api/v1/executions/{id}/output", Access.USER,
                "The output, streamed while the execution runs (?output_type=stdout|stderr).", this::output);
    }

    private Map<String, Object> view(Execution e) {
        return ExecutionViews.withActionView(e, actions.find(e.actionRef()).map(actionViews::view), clock.instant());
    }

    private void list(Context ctx) {
        ExecutionStatus status = null;
        String s = ctx.queryParam("status");
        if (s != null) {
            status = ExecutionStatus.parse(s).orElseThrow(() -> ApiException.badRequest("unknown status '" + s
                    + "'; one of requested, scheduled, delayed, running, succeeded, failed, timeout, abandoned, "
                    + "canceling, canceled, pending, pausing, paused, resuming"));
        }
        ExecutionQuery q;
        try {
            q = new ExecutionQuery(ctx.queryParam("action"), status, ctx.queryParam("rule"),
                    ctx.queryParam("trigger_instance"), ctx.queryParam("parent"), instant(ctx, "timestamp_gt"),
                    instant(ctx, "timestamp_lt"), integer(ctx, "limit", 50), integer(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.json(executions.list(q).stream().map(this::view).toList());
    }

    private static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an ISO-8601 UTC time such as 2026-11-21T10:00:00Z");
        }
    }

    private static int integer(Context ctx, String name, int def) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
    }

    private String user(Context ctx, ObjectNode body) {
        return user(ApiServer.caller(ctx), body);
    }

    private String user(Caller caller, ObjectNode body) {
        if (body != null && body.hasNonNull("user")) {
            return body.get("user").asText();
        }
        return caller.authenticated() ? caller.keyName() : systemUser;
    }

    /**
     * Runs an action: 201 with the execution once its {@code requested} row is durable, answered
     * from the commit's future without holding a thread meanwhile (see {@link AsyncPost}). Bad
     * requests are answered at once.
     */
    CompletableFuture<AsyncPost.Reply> run(AsyncPost.Request request) {
        ObjectNode body = Bodies.object(new String(request.body(), request.charset()), request.contentType());
        unknown(body, RUN_FIELDS);
        JsonNode action = body.get("action");
        if (action == null || !action.isTextual() || action.asText().isBlank()) {
            throw ApiException.badRequest("'action' is required: the ref of the action to run, such as core.local");
        }
        Map<String, Object> params = object(body, "parameters");
        Map<String, Object> context = new LinkedHashMap<>(object(body, "context"));
        context.put("user", user(request.caller(), body));
        CompletableFuture<Execution> stored;
        try {
            stored = executions.requestAsync(action.asText(), params, context, true);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        // completed on the store's completer thread, which every write's completion waits behind: the
        // view is written on a virtual thread instead
        return stored.handleAsync((e, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof IllegalArgumentException bad) {
                    throw ApiException.badRequest(bad.getMessage());
                }
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            return new AsyncPost.Reply(201, "application/json", ExecutionJson.write(view(e)));
        }, ANSWER);
    }

    private Execution find(Context ctx) {
        String id = ctx.pathParam("id");
        return executions.find(id).orElseThrow(() -> ApiException.notFound("Execution with id " + id + " not found"));
    }

    private void get(Context ctx) {
        ctx.json(view(find(ctx)));
    }

    private void put(Context ctx) {
        ObjectNode body = Bodies.object(ctx);
        String status = body.path("status").asText("");
        switch (status) {
            case "canceling", "canceled" -> cancel(ctx);
            case "pausing", "paused" -> control(ctx, executions::pause);
            case "resuming", "running" -> control(ctx, executions::resume);
            default -> throw ApiException.badRequest("'status' must be canceling, pausing or resuming (canceled, paused "
                    + "and running are accepted for them), got '" + status + "'");
        }
    }

    private void control(Context ctx, java.util.function.Function<String, Execution> change) {
        find(ctx);
        try {
            ctx.json(view(change.apply(ctx.pathParam("id"))));
        } catch (IllegalStateException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void cancel(Context ctx) {
        find(ctx);
        try {
            ctx.json(view(executions.cancel(ctx.pathParam("id"), user(ctx, null))));
        } catch (IllegalStateException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void rerun(Context ctx) {
        Execution original = find(ctx);
        ObjectNode body = ctx.body().isBlank() ? Json.mapper().createObjectNode() : Bodies.object(ctx);
        unknown(body, RERUN_FIELDS);
        if (body.has("tasks") && body.get("tasks").size() > 0) {
            throw ApiException.badRequest("'tasks' applies to orquesta workflows only");
        }
        boolean noMerge = body.path("no_merge").asBoolean(false);
        try {
            ctx.status(201).json(view(executions.rerun(original.id(), object(body, "parameters"), noMerge,
                    user(ctx, body))));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void children(Context ctx) {
        Execution e = find(ctx);
        int depth = Queries.integer(ctx, "depth", 1, -1, Integer.MAX_VALUE);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        descendants(e.id(), depth == -1 ? Integer.MAX_VALUE : depth, out);
        ctx.json(out);
    }

    private void descendants(String id, int depth, List<Map<String, Object>> out) {
        if (depth <= 0) {
            return;
        }
        for (Execution c : executions.children(id)) {
            out.add(view(c));
            descendants(c.id(), depth - 1, out);
        }
    }

    private void output(Context ctx) throws IOException, InterruptedException {
        Execution e = find(ctx);
        String type = ctx.queryParam("output_type");
        if (type != null && !type.equals("stdout") && !type.equals("stderr")) {
            throw ApiException.badRequest("'output_type' must be stdout or stderr");
        }
        ctx.contentType("text/plain; charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        var buffer = executions.output(e.id());
        if (buffer.isEmpty()) {
            out.write(fromResult(e, type).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        int next = 0;
        while (true) {
            List<OutputBuffer.Line> lines = buffer.get().await(next, 1000);
            next += lines.size();
            StringBuilder b = new StringBuilder();
            for (OutputBuffer.Line l : lines) {
                if (type == null || l.type() == (type.equals("stdout") ? OutputType.STDOUT : OutputType.STDERR)) {
                    b.append(l.text()).append('\n');
                }
            }
            if (!b.isEmpty()) {
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (lines.isEmpty() && buffer.get().closed()) {
                return;
            }
        }
    }

    private static String fromResult(Execution e, String type) {
        if (e.result() == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String stream : type == null ? List.of("stdout", "stderr") : List.of(type)) {
            Object v = e.result().get(stream);
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                String text = v instanceof String s ? s : PyJson.dumps(v);
                b.append(text).append(text.endsWith("\n") ? "" : "\n");
            }
        }
        return b.toString();
    }

    private static void unknown(ObjectNode body, Set<String> known) {
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw ApiException.badRequest("unknown field '" + f + "'; known fields: " + String.join(", ",
                        known.stream().sorted().toList()));
            }
        });
    }

    private static Map<String, Object> object(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw ApiException.badRequest("'" + field + "' must be an object");
        }
        return PyJson.toPlainMap(n);
    }
}
