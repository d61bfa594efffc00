package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleEnforcerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    /** A sink that records requests, and fails for action refs starting with "missing.". */
    private static final class RecordingSink implements ExecutionRequestSink {
        final List<ExecutionRequest> submitted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public String submit(ExecutionRequest request) {
            if (request.actionRef().startsWith("missing.")) {
                throw new IllegalStateException("Action \"" + request.actionRef() + "\" doesn't exist");
            }
            submitted.add(request);
            return "ex-" + submitted.size();
        }

        @Override
        public String rejected(ExecutionRequest request, String error) {
            rejected.add(error);
            return "failed-ex";
        }
    }

    private final RecordingSink sink = new RecordingSink();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> kv = new HashMap<>(Map.of("channel", "#ops"));

    private RuleEnforcer enforcer(ParameterCaster caster) {
        return new RuleEnforcer(Fixtures.TEMPLATES, k -> Optional.ofNullable(kv.get(k)), caster, sink,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> "enf-" + ids.incrementAndGet(), "stanley");
    }

    private static Rule ruleWithParameters(String parameters) {
        return Fixtures.rule("name: r\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: chatops.post, parameters: "
                + parameters + "}");
    }

    private static TriggerInstance instance() {
        return Fixtures.instance("t.one", Fixtures.json("""
                {"host": "web-01", "n": 3, "flag": true, "nil": null, "tags": ["a", "b"], "msg": "say \\"hi\\""}"""));
    }

    @Test
    void rendersParametersOverTriggerDatastoreAndContext() {
        Rule rule = ruleWithParameters("""
                {host: "{{ trigger.host }}", count: "{{ trigger.n }}", n: 5, flag: true, channel: "{{ st2kv.system.channel }}",
                 rule: "{{ action_context.rule.name }} by {{ action_context.user }}", missing_kv: "[{{ st2kv.system.nope }}]",
                 msg: "{{ trigger.msg }}", payload: "{{ trigger }}", plain: "no template"}""");
        TriggerInstance ti = instance();
        RuleEnforcement e = enforcer(ParameterCaster.IDENTITY).enforce(rule, ti);
        assertThat(e.status()).isEqualTo(RuleEnforcement.Status.SUCCEEDED);
        assertThat(e.failureReason()).isNull();
        assertThat(e.executionId()).isEqualTo("ex-1");
        assertThat(e.id()).isEqualTo("enf-1");
        assertThat(e.enforcedAt()).isEqualTo(NOW);
        assertThat(e.triggerInstanceId()).isEqualTo(ti.id());
        assertThat(e.ruleRef()).isEqualTo("p.r");
        assertThat(e.ruleUid()).isEqualTo("rule:p:r");
        assertThat(e.rule()).isEqualTo(rule);
        ExecutionRequest req = sink.submitted.getFirst();
        assertThat(req.actionRef()).isEqualTo("chatops.post");
        assertThat(req.ruleRef()).isEqualTo("p.r");
        assertThat(req.triggerInstanceId()).isEqualTo(ti.id());
        assertThat(req.parameters()).containsEntry("host", "web-01").containsEntry("count", "3").containsEntry("n", 5L)
                .containsEntry("flag", true).containsEntry("channel", "#ops").containsEntry("rule", "r by stanley")
                .containsEntry("missing_kv", "[]").containsEntry("msg", "say \"hi\"").containsEntry("plain", "no template")
                .containsEntry("payload", "{'host': 'web-01', 'n': 3, 'flag': True, 'nil': None, 'tags': ['a', 'b'], "
                        + "'msg': 'say \"hi\"'}");
        assertThat(req.parameters().keySet()).startsWith("host", "count", "n");
        assertThat(req.context()).containsEntry("user", "stanley").containsEntry("pack", "chatops")
                .containsEntry("rule", mapOf("id", null, "name", "r"));
        assertThat(req.context().get("trigger_instance")).isEqualTo(mapOf("id", ti.id(), "name", null));
    }

    /** A map that may hold nulls. */
    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void structuresRenderStringByStringAndATypedReferenceKeepsItsType() {
        RuleEnforcement e = enforcer(ParameterCaster.IDENTITY).enforce(ruleWithParameters("""
                {data: {host: "{{ trigger.host }}", msg: "{{ trigger.msg }}", all: "{{trigger}}", n: 1},
                 list: ["{{ trigger.n }}", 2, "{{ tags }}", "{{tags}}"], tags: "{{ trigger.tags | join(',') }}"}"""), instance());
        assertThat(e.status()).isEqualTo(RuleEnforcement.Status.SUCCEEDED);
        Map<String, Object> p = sink.submitted.getFirst().parameters();
        assertThat(p.get("data")).isEqualTo(Fixtures.json("""
                {"host": "web-01", "msg": "say \\"hi\\"", "all": {"host": "web-01", "n": 3, "flag": true, "nil": null,
                 "tags": ["a", "b"], "msg": "say \\"hi\\""}, "n": 1}"""));
        assertThat(p.get("list")).isEqualTo(List.of("3", 2L, "a,b", "a,b"));
    }

    @Test
    void parametersMayUseOtherParametersButNotInACycle() {
        enforcer(ParameterCaster.IDENTITY).enforce(ruleWithParameters(
                "{b: \"{{ a }}-{{ c }}\", a: \"{{ trigger.host }}\", c: 7}"), instance());
        assertThat(sink.submitted.getFirst().parameters()).containsEntry("b", "web-01-7").containsEntry("a", "web-01");
        RuleEnforcement cycle = enforcer(ParameterCaster.IDENTITY).enforce(ruleWithParameters(
                "{a: \"{{ b }}\", b: \"{{ a }}\", ok: x}"), instance());
        assertThat(cycle.status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(cycle.failureReason()).isEqualTo("Cyclic dependency found in the following variables: a, b."
                + " Likely the variable is referencing itself");
    }

    @Test
    void aRenderingErrorFailsTheEnforcementAndIsReportedToTheSink() {
        RuleEnforcement e = enforcer(ParameterCaster.IDENTITY).enforce(ruleWithParameters(
                "{ok: \"{{ trigger.host }}\", host: \"{{ trigger.hostname }}\"}"), instance());
        assertThat(e.status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(e.failureReason()).isEqualTo("Failed to render parameter \"host\": 'trigger.hostname' is undefined");
        assertThat(e.executionId()).isEqualTo("failed-ex");
        assertThat(sink.submitted).isEmpty();
        assertThat(sink.rejected).containsExactly(e.failureReason());
    }

    @Test
    void useNoneGivesNullAndTheCasterIsApplied() {
        ParameterCaster upper = (action, params) -> {
            Map<String, Object> out = new HashMap<>(params);
            out.replaceAll((k, v) -> v instanceof String s ? s.toUpperCase() : v);
            return out;
        };
        enforcer(upper).enforce(ruleWithParameters("{a: \"{{ trigger.nil | use_none }}\", b: \"{{ trigger.host }}\"}"), instance());
        assertThat(sink.submitted.getFirst().parameters()).containsEntry("a", null).containsEntry("b", "WEB-01");
        RuleEnforcement refused = enforcer((action, params) -> {
            throw new IllegalArgumentException("Value \"x\" must be an integer");
        }).enforce(ruleWithParameters("{a: x}"), instance());
        assertThat(refused.status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(refused.failureReason()).isEqualTo("Value \"x\" must be an integer");
    }

    @Test
    void aSinkFailureFailsTheEnforcement() {
        Rule rule = Fixtures.rule("name: r\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: missing.action}");
        RuleEnforcement e = enforcer(ParameterCaster.IDENTITY).enforce(rule, instance());
        assertThat(e.status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(e.failureReason()).isEqualTo("Action \"missing.action\" doesn't exist");
        assertThat(e.executionId()).isNull();
    }

    /** An engine holding a rule whose criterion errs ({@code p.bad}), one that matches ({@code p.good}), then {@code more}. */
    private static RuleEngine badThenGood(Rule... more) {
        RuleEngine engine = new RuleEngine(Fixtures.TEMPLATES, k -> Optional.empty(), Clock.systemUTC());
        List<Rule> rules = new ArrayList<>(List.of(
                Fixtures.rule("name: bad\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: x.y}\n"
                        + "criteria: {trigger.host: {type: gt, pattern: 1}}"),
                Fixtures.rule("name: good\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: x.y, parameters: "
                        + "{h: \"{{ trigger.host }}\"}}")));
        rules.addAll(List.of(more));
        engine.replaceAll(rules);
        return engine;
    }

    @Test
    void enforceAllRecordsMatchFailuresThenEnforcesMatches() {
        RuleEngine engine = badThenGood();
        List<RuleEnforcement> all = enforcer(ParameterCaster.IDENTITY).enforceAll(engine.match(instance()));
        assertThat(all).extracting(RuleEnforcement::ruleRef).containsExactly("p.bad", "p.good");
        assertThat(all).extracting(RuleEnforcement::status).containsExactly(RuleEnforcement.Status.FAILED,
                RuleEnforcement.Status.SUCCEEDED);
        assertThat(all.getFirst().failureReason()).contains("'>' not supported between instances of 'str' and 'int'");
        assertThat(all.getFirst().executionId()).isNull();
        assertThat(RuleEnforcement.Status.FAILED.wireName()).isEqualTo("failed");
    }

    @Test
    void eachEnforcementComesWithTheRequestItHandedToTheSink() {
        RuleEngine engine = badThenGood(
                Fixtures.rule("name: gone\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: missing.y}"),
                Fixtures.rule("name: unrendered\npack: p\nenabled: true\ntrigger: {type: t.one}\naction: {ref: x.y, "
                        + "parameters: {h: \"{{ trigger.nope }}\"}}"));
        List<RuleEnforcer.Enforced> all = enforcer(ParameterCaster.IDENTITY).enforceAllWithRequests(engine.match(instance()));
        assertThat(all).extracting(e -> e.enforcement().ruleRef()).containsExactly("p.bad", "p.good", "p.gone",
                "p.unrendered");
        assertThat(all.get(0).request()).as("a criterion's error hands nothing to the sink").isNull();
        assertThat(all.get(1).request().parameters()).isEqualTo(Map.of("h", "web-01"));
        assertThat(all.get(1).request()).isSameAs(sink.submitted.getFirst());
        assertThat(all.get(2).enforcement().status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(all.get(2).request().actionRef()).as("the sink refused it, the request is still recorded")
                .isEqualTo("missing.y");
        assertThat(all.get(3).enforcement().status()).isEqualTo(RuleEnforcement.Status.FAILED);
        assertThat(all.get(3).request().parameters()).as("rejected as written").isEqualTo(Map.of("h", "{{ trigger.nope }}"));
    }
}
