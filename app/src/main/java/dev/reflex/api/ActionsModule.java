package dev.reflex.api;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.DefinitionRepository;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Runners;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /api/v1/actions} (list, get, create, update, delete) and {@code /api/v1/runnertypes}, in
 * StackStorm's shapes. Actions created through the API are stored and survive restarts; those of
 * packs come from their files and cannot be deleted here.
 */
public final class ActionsModule implements ApiModule {

    private final ActionRegistry actions;
    private final Runners runners;
    private final ActionFormat format;
    private final DefinitionRepository stored;

    /** The module over these registries; API-made actions are kept in {@code stored}. */
    public ActionsModule(ActionRegistry actions, Runners runners, ActionFormat format, DefinitionRepository stored) {
        this.actions = actions;
        this.runners = runners;
        this.format = format;
        this.stored = stored;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/actions", Access.USER, "List actions (?pack=).", this::list);
        r.get("/api/v1/actions/{ref}", Access.USER, "Get one action by ref or uid.", this::get);
        r.post("/api/v1/actions", Access.USER, "Create an action from StackStorm metadata.", this::create);
        r.put("/api/v1/actions/{ref}", Access.USER, "Replace an action's metadata.", this::update);
        r.delete("/api/v1/actions/{ref}", Access.USER, "Delete an action created through the API.", this::delete);
        r.get("/api/v1/runnertypes", Access.USER, "List the runners.", this::runnerTypes);
        r.get("/api/v1/runnertypes/{name}", Access.USER, "Get one runner.", this::runnerType);
    }

    private void list(Context ctx) {
        String pack = ctx.queryParam("pack");
        ctx.json(actions.list().stream().filter(a -> pack == null || a.pack().equals(pack)).map(ActionViews::action).toList());
    }

    private void get(Context ctx) {
        ctx.json(ActionViews.action(find(ctx.pathParam("ref"))));
    }

    private Action find(String refOrUid) {
        String ref = refOrUid.startsWith("action:") ? refOrUid.substring(7).replaceFirst(":", ".") : refOrUid;
        return actions.find(ref).orElseThrow(() -> ApiException.notFound("Resource with a reference or id \"" + refOrUid
                + "\" not found"));
    }

    private void create(Context ctx) {
        Action a = parse(ctx);
        if (actions.find(a.ref()).isPresent()) {
            throw ApiException.conflict("Action " + a.ref() + " already exists");
        }
        save(a, ctx);
        ctx.status(201).json(ActionViews.action(a));
    }

    private void update(Context ctx) {
        Action existing = find(ctx.pathParam("ref"));
        Action a = parse(ctx);
        if (!a.ref().equals(existing.ref())) {
            throw ApiException.badRequest("the body describes " + a.ref() + " but the path names " + existing.ref());
        }
        save(a, ctx);
        ctx.json(ActionViews.action(a));
    }

    private void delete(Context ctx) {
        Action a = find(ctx.pathParam("ref"));
        if (actions.fromPack(a.ref())) {
            throw ApiException.badRequest("Action " + a.ref() + " comes from pack " + a.pack() + " (" + a.metadataFile()
                    + "); remove the file instead");
        }
        stored.delete(a.ref());
        actions.remove(a.ref());
        ctx.status(204);
    }

    private Action parse(Context ctx) {
        Bodies.object(ctx);
        SourceFormat syntax = Bodies.isYaml(ctx.contentType()) ? SourceFormat.YAML : SourceFormat.JSON;
        LoadResult<Action> result = StrictLoader.load("request body", ctx.body(), syntax, format.fromApi());
        if (result.hasErrors() || result.values().isEmpty()) {
            List<String> errors = result.problems().stream().map(ConfigProblem::toString).toList();
            throw ApiException.invalid("invalid action: " + String.join("; ", errors), errors);
        }
        return result.values().get(0);
    }

    private void save(Action a, Context ctx) {
        stored.put(a.ref(), Bodies.object(ctx).toString());
        actions.put(a);
    }

    private void runnerTypes(Context ctx) {
        ctx.json(runners.types().stream().map(ActionViews::runner).toList());
    }

    private void runnerType(Context ctx) {
        String name = ctx.pathParam("name");
        RunnerType t = runners.types().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Resource with a name \"" + name + "\" not found"));
        ctx.json(ActionViews.runner(t));
    }
}
