package dev.reflex.rules;

import dev.reflex.template.KeyValueLookup;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateValues;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Enforces matched rules: renders each rule's action parameters over the trigger payload
 * ({@code trigger}), the datastore ({@code st2kv.system}) and the execution context
 * ({@code action_context}), casts them, and hands an {@link ExecutionRequest} to the sink. Every
 * attempt, and every criterion that failed with an error while matching, is recorded as a
 * {@link RuleEnforcement}.
 */
public final class RuleEnforcer {

    private final ParameterRenderer renderer;
    private final Function<String, Optional<String>> keyValues;
    private final ParameterCaster caster;
    private final ExecutionRequestSink sink;
    private final Clock clock;
    private final Supplier<String> ids;
    private final String systemUser;

    /**
     * An enforcer.
     *
     * @param templates  the template engine
     * @param keyValues  the datastore: a key's decrypted value, or empty
     * @param caster     casts rendered parameters to the action's types
     * @param sink       receives execution requests
     * @param clock      gives {@code enforced_at}
     * @param ids        new enforcement ids
     * @param systemUser the user executions of rules run as (StackStorm's {@code stanley})
     */
    public RuleEnforcer(TemplateEngine templates, Function<String, Optional<String>> keyValues, ParameterCaster caster,
                        ExecutionRequestSink sink, Clock clock, Supplier<String> ids, String systemUser) {
        this.renderer = new ParameterRenderer(templates);
        this.keyValues = keyValues;
        this.caster = caster;
        this.sink = sink;
        this.clock = clock;
        this.ids = ids;
        this.systemUser = systemUser;
    }

    /**
     * An enforcement and the execution request it handed to the sink (null when it handed none).
     *
     * @param enforcement the enforcement
     * @param request     the request submitted, or rejected with the enforcement's failure; or null
     */
    public record Enforced(RuleEnforcement enforcement, ExecutionRequest request) {
    }

    /** Records the failures of a match, then enforces each matched rule; returns every enforcement, in that order. */
    public List<RuleEnforcement> enforceAll(MatchResult result) {
        return enforceAllWithRequests(result).stream().map(Enforced::enforcement).toList();
    }

    /** As {@link #enforceAll}, with the execution request each enforcement handed to the sink. */
    public List<Enforced> enforceAllWithRequests(MatchResult result) {
        List<Enforced> out = new ArrayList<>();
        String instanceId = result.triggerInstance().id();
        for (MatchResult.Failure f : result.failures()) {
            out.add(new Enforced(record(instanceId, f.rule(), null, RuleEnforcement.Status.FAILED, f.reason()), null));
        }
        for (Rule rule : result.matched()) {
            out.add(enforced(rule, result.triggerInstance()));
        }
        return out;
    }

    /** Enforces one rule for one trigger instance. */
    public RuleEnforcement enforce(Rule rule, TriggerInstance instance) {
        return enforced(rule, instance).enforcement();
    }

    private Enforced enforced(Rule rule, TriggerInstance instance) {
        Map<String, Object> context = executionContext(rule, instance);
        Map<String, Object> renderContext = new HashMap<>();
        renderContext.put("trigger", TemplateValues.view(instance.payload()));
        renderContext.put("st2kv", Map.of("system", new KeyValueLookup(keyValues)));
        renderContext.put("action_context", TemplateValues.view(context));
        renderContext.put("config_context", Map.of());
        Map<String, Object> parameters;
        try {
            String actionRef = rule.action().ref();
            parameters = caster.cast(actionRef, renderer.render(rule.action().parameters(), renderContext,
                    name -> caster.isShellCommand(actionRef, name)));
        } catch (IllegalArgumentException e) {
            ExecutionRequest unrendered = new ExecutionRequest(rule.ref(), rule.action().ref(), rule.action().parameters(),
                    instance.id(), context);
            String executionId = sink.rejected(unrendered, e.getMessage());
            return new Enforced(record(instance.id(), rule, executionId, RuleEnforcement.Status.FAILED, e.getMessage()),
                    unrendered);
        }
        ExecutionRequest request = new ExecutionRequest(rule.ref(), rule.action().ref(), parameters, instance.id(), context);
        try {
            String executionId = sink.submit(request);
            return new Enforced(record(instance.id(), rule, executionId, RuleEnforcement.Status.SUCCEEDED, null), request);
        } catch (RuntimeException e) {
            return new Enforced(record(instance.id(), rule, null, RuleEnforcement.Status.FAILED,
                    String.valueOf(e.getMessage())), request);
        }
    }

    /** StackStorm's execution context for a rule: trigger instance, rule, user and the action's pack. */
    private Map<String, Object> executionContext(Rule rule, TriggerInstance instance) {
        Map<String, Object> triggerInstance = new LinkedHashMap<>();
        triggerInstance.put("id", instance.id());
        triggerInstance.put("name", null);
        Map<String, Object> ruleRef = new LinkedHashMap<>();
        ruleRef.put("id", rule.id());
        ruleRef.put("name", rule.name());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("trigger_instance", triggerInstance);
        context.put("rule", ruleRef);
        context.put("user", systemUser);
        String action = rule.action().ref();
        context.put("pack", action.contains(".") ? action.substring(0, action.indexOf('.')) : action);
        return context;
    }

    private RuleEnforcement record(String instanceId, Rule rule, String executionId, RuleEnforcement.Status status,
                                   String reason) {
        return new RuleEnforcement(ids.get(), instanceId, rule.ref(), rule.uid(), rule.id(), rule, executionId, status, reason,
                clock.instant());
    }
}
