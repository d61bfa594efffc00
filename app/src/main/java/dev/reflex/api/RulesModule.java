package dev.reflex.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.config.ConfigProblem;
import dev.reflex.rules.Parsed;
import dev.reflex.rules.Rule;
import dev.reflex.rules.RuleParser;
import dev.reflex.rules.service.RuleService;
import dev.reflex.rules.store.RuleDocuments;
import dev.reflex.rules.store.StoredRule;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Rules, shaped as StackStorm's {@code /api/v1/rules}: list (filters {@code pack}, {@code enabled},
 * {@code action}, {@code trigger}), get by ref or id, create, replace, delete. Bodies are JSON or YAML;
 * an invalid rule is a 400 listing every problem with its path. Every change is durable, then
 * swapped into the engine atomically.
 */
public final class RulesModule implements ApiModule {

    private final RuleService rules;
    private final RuleParser parser;

    /** The module over the rule service, with a parser that knows the trigger types. */
    public RulesModule(RuleService rules, RuleParser parser) {
        this.rules = rules;
        this.parser = parser;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/rules", Access.USER, "List rules (?pack=, ?enabled=, ?action=, ?trigger=).", this::list);
        r.get("/api/v1/rules/{ref}", Access.USER, "Get one rule by ref or id.", this::get);
        r.post("/api/v1/rules", Access.USER, "Create a rule (JSON or YAML body).", this::create);
        r.put("/api/v1/rules/{ref}", Access.USER, "Replace a rule (JSON or YAML body).", this::update);
        r.delete("/api/v1/rules/{ref}", Access.USER, "Delete a rule.", this::delete);
    }

    private void list(Context ctx) {
        String pack = Queries.text(ctx, "pack");
        String action = Queries.text(ctx, "action");
        String trigger = Queries.text(ctx, "trigger");
        String enabled = Queries.text(ctx, "enabled");
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            throw ApiException.badRequest("'enabled' must be true or false, got '" + enabled + "'");
        }
        ctx.json(rules.list().stream()
                .filter(r -> pack == null || pack.equals(r.pack()))
                .filter(r -> action == null || action.equals(r.action().ref()))
                .filter(r -> trigger == null || trigger.equals(r.trigger().type())
                        || trigger.equals(RuleService.triggerOf(r).ref()))
                .filter(r -> enabled == null || r.enabled() == Boolean.parseBoolean(enabled))
                .map(this::view).toList());
    }

    private void get(Context ctx) {
        String ref = ctx.pathParam("ref");
        ctx.json(view(rules.get(ref).orElseThrow(() -> ApiException.notFound("no rule '" + ref + "'"))));
    }

    private void create(Context ctx) {
        Rule rule = parse(ctx);
        try {
            ctx.status(201).json(view(rules.create(rule)));
        } catch (RuleService.RuleConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private void update(Context ctx) {
        String ref = ctx.pathParam("ref");
        Rule rule = parse(ctx);
        try {
            Rule now = rules.update(ref, rule).orElseThrow(() -> ApiException.notFound("no rule '" + ref + "'"));
            ctx.json(view(now));
        } catch (RuleService.RuleConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private void delete(Context ctx) {
        String ref = ctx.pathParam("ref");
        rules.delete(ref).orElseThrow(() -> ApiException.notFound("no rule '" + ref + "'"));
        ctx.status(204);
    }

    private Rule parse(Context ctx) {
        JsonNode body = Bodies.tree(ctx);
        Parsed<Rule> parsed = parser.parse(body, "<request body>");
        if (!parsed.ok()) {
            List<String> errors = parsed.problems().stream().map(RulesModule::describe).toList();
            throw ApiException.invalid("the rule is not valid: " + String.join("; ", errors), errors);
        }
        return parsed.value();
    }

    private static String describe(ConfigProblem p) {
        return p.path().isEmpty() ? p.message() : p.path() + ": " + p.message();
    }

    private Map<String, Object> view(Rule r) {
        Map<String, Object> m = RuleDocuments.toMap(r);
        StoredRule s = rules.stored(r.ref()).orElse(null);
        if (s != null && s.sourceFile() != null) {
            m.put("source", s.sourceFile());
        }
        return m;
    }
}
