package dev.reflex.api;

import dev.reflex.rules.RuleEnforcement;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.StoredEnforcement;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Rule enforcements, shaped as StackStorm's {@code /api/v1/ruleenforcements}, plus the execution
 * request each one made ({@code execution_request}: action, rendered parameters, context).
 */
public final class EnforcementsModule implements ApiModule {

    private final EnforcementRepository enforcements;

    /** The module over the enforcement repository. */
    public EnforcementsModule(EnforcementRepository enforcements) {
        this.enforcements = enforcements;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/ruleenforcements", Access.USER, "List rule enforcements, newest first (?rule_ref=, "
                + "?trigger_instance=, ?execution=, ?status=, ?enforced_at_gt=, ?enforced_at_lt=, ?limit=, ?offset=).",
                this::list);
        r.get("/api/v1/ruleenforcements/{id}", Access.USER, "Get one rule enforcement.", this::get);
    }

    private void list(Context ctx) {
        String status = Queries.text(ctx, "status");
        RuleEnforcement.Status st = null;
        if (status != null) {
            try {
                st = RuleEnforcement.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'status' must be succeeded or failed, got '" + status + "'");
            }
        }
        String rule = Queries.text(ctx, "rule_ref");
        EnforcementQuery q = new EnforcementQuery(rule == null ? Queries.text(ctx, "rule") : rule,
                Queries.text(ctx, "trigger_instance"), Queries.text(ctx, "execution"), st,
                Queries.time(ctx, "enforced_at_gt"), Queries.time(ctx, "enforced_at_lt"),
                Queries.integer(ctx, "limit", 50, 1, 1000), Queries.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        ctx.json(enforcements.list(q).stream().map(EnforcementsModule::view).toList());
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(view(enforcements.get(id).orElseThrow(() -> ApiException.notFound("no rule enforcement '" + id + "'"))));
    }

    static Map<String, Object> view(StoredEnforcement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("trigger_instance_id", e.triggerInstanceId());
        m.put("execution_id", e.executionId());
        m.put("status", e.status().wireName());
        m.put("failure_reason", e.failureReason());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("ref", e.ruleRef());
        rule.put("uid", e.rule().get("uid"));
        rule.put("id", e.ruleId());
        m.put("rule", rule);
        m.put("enforced_at", e.enforcedAt().toString());
        m.put("execution_request", e.executionRequest());
        m.put("rule_snapshot", e.rule());
        return m;
    }
}
