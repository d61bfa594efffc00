package dev.reflex.api;

import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionQuery;
import dev.reflex.executions.ExecutionService;
import dev.reflex.rules.store.EnforcementQuery;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.StoredEnforcement;
import dev.reflex.triggers.store.StoredTriggerInstance;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/traces/{id}}: everything a trigger instance caused, assembled in one answer: the
 * instance, the rule enforcements it led to, and the executions they requested with their children,
 * recursively. Given an execution id instead, the trace is that of the trigger instance that caused
 * its root execution (or of the root execution alone when no trigger instance did).
 */
public final class TracesModule implements ApiModule {

    /** The most executions one trace lists; beyond it the trace is marked {@code truncated}. */
    static final int MAX_EXECUTIONS = 5000;

    private final TriggerInstanceRepository instances;
    private final EnforcementRepository enforcements;
    private final ExecutionService executions;

    /** The module over the trigger instances, the enforcements and the executions. */
    public TracesModule(TriggerInstanceRepository instances, EnforcementRepository enforcements,
                        ExecutionService executions) {
        this.instances = instances;
        this.enforcements = enforcements;
        this.executions = executions;
    }

    @Override
    public void routes(Routes r) {
        r.get("/api/v1/traces/{id}", Access.USER, "What a trigger instance caused (given its id, or the id of an "
                + "execution it caused): the instance, rule enforcements, executions and their children as a tree.",
                this::trace);
    }

    private void trace(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<StoredTriggerInstance> instance = instances.get(id);
        Execution root = null;
        if (instance.isEmpty()) {
            Execution e = executions.find(id).orElseThrow(() -> ApiException.notFound("No trigger instance or execution "
                    + "with id " + id));
            root = root(e);
            String ti = root.triggerInstanceId();
            instance = ti == null ? Optional.empty() : instances.get(ti);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("trigger_instance", instance.map(TriggersModule::instanceView).orElse(null));
        List<Map<String, Object>> enforced = new ArrayList<>();
        Set<String> roots = new LinkedHashSet<>();
        if (instance.isPresent()) {
            String ti = instance.get().id();
            List<StoredEnforcement> list = new ArrayList<>(enforcements.list(EnforcementQuery.forInstance(ti)));
            list.sort(java.util.Comparator.comparing(StoredEnforcement::enforcedAt));
            for (StoredEnforcement e : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                m.put("rule", e.ruleRef());
                m.put("status", e.status().wireName());
                m.put("failure_reason", e.failureReason());
                m.put("execution_id", e.executionId());
                m.put("enforced_at", e.enforcedAt().toString());
                enforced.add(m);
                if (e.executionId() != null) {
                    roots.add(e.executionId());
                }
            }
            List<Execution> caused = new ArrayList<>(executions.list(new ExecutionQuery(null, null, null, ti, null, null,
                    null, ExecutionQuery.MAX_LIMIT, 0)));
            caused.sort(java.util.Comparator.comparing(Execution::id));
            caused.forEach(c -> roots.add(root(c).id()));
        }
        if (root != null) {
            roots.add(root.id());
        }
        out.put("rule_enforcements", enforced);
        int[] budget = {MAX_EXECUTIONS};
        List<Map<String, Object>> trees = new ArrayList<>();
        for (String r : roots) {
            executions.find(r).ifPresent(e -> trees.add(node(e, budget)));
        }
        out.put("executions", trees);
        out.put("truncated", budget[0] < 0);
        ctx.json(out);
    }

    private Execution root(Execution e) {
        Execution at = e;
        Set<String> seen = new LinkedHashSet<>();
        while (at.parentId() != null && seen.add(at.id())) {
            Optional<Execution> p = executions.find(at.parentId());
            if (p.isEmpty()) {
                break;
            }
            at = p.get();
        }
        return at;
    }

    private Map<String, Object> node(Execution e, int[] budget) {
        budget[0]--;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("action", e.actionRef());
        m.put("task", ExecutionViews.taskName(e));
        m.put("status", e.status().value());
        m.put("rule", e.ruleRef());
        m.put("start_timestamp", ExecutionViews.time(e.startTimestamp()));
        m.put("end_timestamp", ExecutionViews.time(e.endTimestamp()));
        List<Map<String, Object>> children = new ArrayList<>();
        if (budget[0] > 0) {
            for (Execution c : executions.children(e.id())) {
                if (budget[0] <= 0) {
                    budget[0] = -1;
                    break;
                }
                children.add(node(c, budget));
            }
        } else if (!e.children().isEmpty()) {
            budget[0] = -1;
        }
        m.put("children", children);
        return m;
    }
}
