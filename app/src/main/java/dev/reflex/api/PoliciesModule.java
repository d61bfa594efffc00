package dev.reflex.api;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.executions.DefinitionRepository;
import dev.reflex.executions.Policy;
import dev.reflex.executions.PolicyFormat;
import dev.reflex.executions.PolicyRegistry;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /api/v1/policies} in StackStorm's shape: list ({@code ?resource_ref=}), get, create,
 * replace, delete. Policies created here are stored and survive restarts.
 */
public final class PoliciesModule implements ApiModule {

    private final PolicyRegistry policies;
    private final DefinitionRepository stored;

    /** The module over the registry; API-made policies are kept in {@code stored}. */
    public PoliciesModule(PolicyRegistry policies, DefinitionRepository stored) {
        this.policies = policies;
        this.stored = stored;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/policies", Access.USER, "List policies (?resource_ref=).", this::list);
        r.get("/api/v1/policies/{ref}", Access.USER, "Get one policy.", this::get);
        r.post("/api/v1/policies", Access.USER, "Create a policy.", this::create);
        r.put("/api/v1/policies/{ref}", Access.USER, "Replace a policy.", this::update);
        r.delete("/api/v1/policies/{ref}", Access.USER, "Delete a policy.", this::delete);
    }

    private void list(Context ctx) {
        String resource = ctx.queryParam("resource_ref");
        ctx.json(policies.list().stream().filter(p -> resource == null || p.resourceRef().equals(resource))
                .map(ActionViews::policy).toList());
    }

    private Policy find(Context ctx) {
        String ref = ctx.pathParam("ref");
        return policies.find(ref).orElseThrow(() -> ApiException.notFound("Policy " + ref + " not found"));
    }

    private void get(Context ctx) {
        ctx.json(ActionViews.policy(find(ctx)));
    }

    private void create(Context ctx) {
        Policy p = parse(ctx);
        if (policies.find(p.ref()).isPresent()) {
            throw ApiException.conflict("Policy " + p.ref() + " already exists");
        }
        stored.put(p.ref(), ctx.body());
        policies.put(p);
        ctx.status(201).json(ActionViews.policy(p));
    }

    private void update(Context ctx) {
        Policy existing = find(ctx);
        Policy p = parse(ctx);
        if (!p.ref().equals(existing.ref())) {
            throw ApiException.badRequest("the body describes " + p.ref() + " but the path names " + existing.ref());
        }
        stored.put(p.ref(), ctx.body());
        policies.put(p);
        ctx.json(ActionViews.policy(p));
    }

    private void delete(Context ctx) {
        Policy p = find(ctx);
        stored.delete(p.ref());
        policies.remove(p.ref());
        ctx.status(204);
    }

    private static Policy parse(Context ctx) {
        Bodies.object(ctx);
        SourceFormat syntax = Bodies.isYaml(ctx.contentType()) ? SourceFormat.YAML : SourceFormat.JSON;
        LoadResult<Policy> result = StrictLoader.load("request body", ctx.body(), syntax, PolicyFormat.of(null));
        if (result.hasErrors() || result.values().isEmpty()) {
            List<String> errors = result.problems().stream().map(ConfigProblem::toString).toList();
            throw ApiException.invalid("invalid policy: " + String.join("; ", errors), errors);
        }
        return result.values().get(0);
    }
}
