package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private final RuleEngine engine = new RuleEngine(Fixtures.TEMPLATES, k -> Optional.empty(), Clock.systemUTC());

    private static Rule rule(String name, String body) {
        return Fixtures.rule("name: " + name + "\npack: p\nenabled: true\n" + body);
    }

    private List<String> matched(String type, String payloadJson) {
        return engine.match(Fixtures.instance(type, Fixtures.json(payloadJson))).matched().stream().map(Rule::ref).toList();
    }

    @Test
    void everyMatchingStandardRuleFiresInOrder() {
        engine.replaceAll(List.of(
                rule("a", "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: equals, pattern: 1}}"),
                rule("b", "trigger: {type: t.one}\naction: {ref: x.y}"),
                rule("c", "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: equals, pattern: 2}}"),
                rule("d", "trigger: {type: t.two}\naction: {ref: x.y}")));
        assertThat(matched("t.one", "{\"k\": 1}")).containsExactly("p.a", "p.b");
        assertThat(matched("t.one", "{\"k\": 2}")).containsExactly("p.b", "p.c");
        assertThat(matched("t.two", "{\"k\": 1}")).containsExactly("p.d");
        assertThat(matched("t.three", "{\"k\": 1}")).isEmpty();
    }

    @Test
    void backstopRulesFireOnlyWhenNoStandardRuleMatched() {
        engine.replaceAll(List.of(
                rule("std", "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: equals, pattern: 1}}"),
                rule("stop1", "trigger: {type: t.one}\naction: {ref: x.y}\ntype: {ref: backstop}"),
                rule("stop2", "trigger: {type: t.one}\naction: {ref: x.y}\ntype: {ref: backstop}\n"
                        + "criteria: {trigger.k: {type: lt, pattern: 10}}")));
        assertThat(matched("t.one", "{\"k\": 1}")).containsExactly("p.std");
        assertThat(matched("t.one", "{\"k\": 5}")).containsExactly("p.stop1", "p.stop2");
        assertThat(matched("t.one", "{\"k\": 50}")).containsExactly("p.stop1");
        MatchResult r = engine.match(Fixtures.instance("t.one", Fixtures.json("{\"k\": \"str\"}")));
        assertThat(r.matched()).extracting(Rule::ref).containsExactly("p.stop1");
        assertThat(r.failures()).extracting(f -> f.rule().ref()).containsExactly("p.stop2");
    }

    @Test
    void disabledRulesNeverMatch() {
        engine.put(rule("r_on", "trigger: {type: t.one}\naction: {ref: x.y}"));
        engine.put(rule("r_on", "trigger: {type: t.one}\naction: {ref: x.y}").withEnabled(false));
        assertThat(matched("t.one", "{}")).isEmpty();
        assertThat(engine.rules()).extracting(Rule::ref).containsExactly("p.r_on");
    }

    @Test
    void criteriaErrorsAreReportedAsFailuresOfTheRule() {
        engine.put(rule("bad", "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: gt, pattern: 1}}"));
        MatchResult r = engine.match(TriggerInstance.pending("ti-9", Trigger.of("t.one", Map.of()), Map.of("k", "x"), Instant.EPOCH));
        assertThat(r.matched()).isEmpty();
        assertThat(r.failures()).singleElement().extracting(MatchResult.Failure::reason).isEqualTo(
                "Failed to match rule \"p.bad\" against trigger instance \"ti-9\": There might be a problem with the criteria"
                        + " in rule p.bad: '>' not supported between instances of 'str' and 'int'");
    }

    @Test
    void rulesListenToATriggerTypeWithItsParameters() {
        engine.replaceAll(List.of(
                rule("hook_a", "trigger: {type: core.st2.webhook, parameters: {url: a}}\naction: {ref: x.y}"),
                rule("hook_b", "trigger: {type: core.st2.webhook, parameters: {url: b}}\naction: {ref: x.y}")));
        TriggerInstance a = TriggerInstance.pending("1", Trigger.of("core.st2.webhook", Map.of("url", "a")), Map.of("body", Map.of()),
                Instant.EPOCH);
        assertThat(engine.match(a).matched()).extracting(Rule::ref).containsExactly("p.hook_a");
        assertThat(matched("core.st2.webhook", "{\"body\": {}}")).isEmpty();
    }

    @Test
    void putReplacesInPlaceAndRemoveRemoves() {
        engine.put(rule("a", "trigger: {type: t.one}\naction: {ref: x.y}"));
        engine.put(rule("b", "trigger: {type: t.one}\naction: {ref: x.y}"));
        engine.put(rule("a", "trigger: {type: t.one}\naction: {ref: x.z}"));
        assertThat(engine.rules()).extracting(Rule::ref).containsExactly("p.a", "p.b");
        assertThat(engine.rules().getFirst().action().ref()).isEqualTo("x.z");
        assertThat(engine.remove("p.a")).isTrue();
        assertThat(engine.remove("p.a")).isFalse();
        assertThat(matched("t.one", "{}")).containsExactly("p.b");
    }

    @Test
    void anInvalidRuleIsRejectedAndChangesNothing() {
        engine.put(rule("a", "trigger: {type: t.one}\naction: {ref: x.y}"));
        Rule bad = new Rule(null, "bad", "p", null, true, null, new Rule.RuleTrigger("t.one", Map.of(), null, null),
                Map.of("trigger.x", new Rule.Criterion("regex", "(", null)), new Rule.RuleAction("x.y", Map.of(), null),
                null, null, null);
        assertThatThrownBy(() -> engine.replaceAll(List.of(bad))).isInstanceOf(RuleEngine.InvalidRuleException.class)
                .hasMessageContaining("invalid regular expression");
        assertThat(engine.rules()).extracting(Rule::ref).containsExactly("p.a");
    }

    @Test
    void matchingSeesEitherTheOldOrTheNewRuleSetNeverAMix() throws InterruptedException {
        List<Rule> setA = new ArrayList<>();
        List<Rule> setB = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            setA.add(rule("a" + i, "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: equals, pattern: 1}}"));
            setB.add(rule("b" + i, "trigger: {type: t.one}\naction: {ref: x.y}\ncriteria: {trigger.k: {type: gt, pattern: 0}}"));
        }
        engine.replaceAll(setA);
        TriggerInstance ti = Fixtures.instance("t.one", Map.of("k", 1L));
        ConcurrentLinkedQueue<String> mixed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        Thread matcher = Thread.ofPlatform().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 3000; i++) {
                List<String> refs = engine.match(ti).matched().stream().map(Rule::ref).toList();
                long a = refs.stream().filter(r -> r.startsWith("p.a")).count();
                long b = refs.stream().filter(r -> r.startsWith("p.b")).count();
                if (!((a == 20 && b == 0) || (a == 0 && b == 20))) {
                    mixed.add(refs.toString());
                }
            }
        });
        start.countDown();
        for (int i = 0; i < 300; i++) {
            engine.replaceAll(i % 2 == 0 ? setB : setA);
        }
        matcher.join();
        assertThat(mixed).isEmpty();
    }
}
