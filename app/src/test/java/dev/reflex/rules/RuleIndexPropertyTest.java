package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed engine returns exactly what evaluating every rule in order returns (matches and
 * failure reasons), over random rules and payloads. A failure names its seed.
 */
class RuleIndexPropertyTest {

    private static final String[] KEYS = {"trigger.a", "trigger.b", "trigger.c.d", "trigger.n", "trigger['x.y']",
        "trigger.list", "trigger.list[0]", "trigger..d", "system.k"};
    private static final Object[] VALUES = {"x", "y", "X", "1", 1L, 2L, 1.0, 2.5, true, false, null};
    private static final String[] TYPES = {"equals", "eq", "equals", "nequals", "iequals", "exists", "nexists", "gt", "lt",
        "contains", "icontains", "ncontains", "startswith", "regex", "matchregex", "matchwildcard", "inside", "nin", "search"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2L, 42L, 1234L, 20261121L})
    void indexedMatchingEqualsNaiveEvaluation(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        RuleEngine engine = new RuleEngine(Fixtures.TEMPLATES, k -> k.equals("k") ? Optional.of("x") : Optional.empty(),
                Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rules.add(randomRule(rnd, i));
        }
        engine.replaceAll(rules);
        int matches = 0;
        for (int i = 0; i < 1000; i++) {
            TriggerInstance ti = TriggerInstance.pending("ti-" + i, Trigger.of("t.t" + rnd.nextInt(3), Map.of()),
                    randomPayload(rnd), Instant.EPOCH);
            MatchResult indexed = engine.match(ti);
            MatchResult naive = engine.matchWithoutIndex(ti);
            String why = "seed " + seed + ", instance " + i + ", payload " + ti.payload();
            assertThat(indexed.matched()).as(why).containsExactlyElementsOf(naive.matched());
            assertThat(indexed.failures()).as(why).containsExactlyElementsOf(naive.failures());
            matches += indexed.matched().size();
        }
        assertThat(matches).as("seed " + seed + ": the random rules should match sometimes").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 11L, 2026L})
    void stoppingEarlyChangesNeitherOutcomeNorFailures(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        CriteriaEvaluator evaluator = new CriteriaEvaluator(Fixtures.TEMPLATES,
                Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        RuleCompiler compiler = new RuleCompiler(Fixtures.TEMPLATES);
        CriteriaEvaluator.Trace everything = (depth, c, value, pattern, passed, error) -> { };
        for (int i = 0; i < 1500; i++) {
            Rule random = randomRule(rnd, i);
            if (i % 2 == 0) {
                random = new Rule(null, "s" + i, "p", null, true, null, random.trigger(),
                        Map.of("trigger.list", criterion(rnd, "search")), random.action(), null, null, null);
            }
            CompiledRule rule = compiler.compile(random, "r").value();
            Map<String, Object> payload = randomPayload(rnd);
            if (i % 2 == 0) {
                List<Object> items = new ArrayList<>();
                for (int n = rnd.nextInt(5); n > 0; n--) {
                    items.add(Map.of("d", VALUES[rnd.nextInt(VALUES.length - 1)]));
                }
                payload.put("list", items);
            }
            List<String> fast = new ArrayList<>();
            List<String> full = new ArrayList<>();
            boolean a = evaluator.matches(rule, "ti", EvaluationScope.of(payload, k -> Optional.empty()), fast, null);
            boolean b = evaluator.matches(rule, "ti", EvaluationScope.of(payload, k -> Optional.empty()), full, everything);
            String why = "seed " + seed + ", rule " + rule.rule().criteria() + ", payload " + payload;
            assertThat(a).as(why).isEqualTo(b);
            assertThat(fast).as(why).isEqualTo(full);
        }
    }

    private static Rule randomRule(RandomGenerator rnd, int i) {
        Map<String, Rule.Criterion> criteria = new LinkedHashMap<>();
        int n = rnd.nextInt(4);
        for (int c = 0; c < n; c++) {
            String key = KEYS[rnd.nextInt(KEYS.length)] + "#" + c;
            String type = TYPES[rnd.nextInt(TYPES.length)];
            criteria.put(key, criterion(rnd, type));
        }
        Rule.RuleType type = rnd.nextInt(8) == 0 ? Rule.RuleType.BACKSTOP : Rule.RuleType.STANDARD;
        return new Rule(null, "r" + i, "p", null, rnd.nextInt(10) != 0, type,
                new Rule.RuleTrigger("t.t" + rnd.nextInt(3), Map.of(), null, null), criteria,
                new Rule.RuleAction("x.y", Map.of(), null), null, null, null);
    }

    private static Rule.Criterion criterion(RandomGenerator rnd, String type) {
        return switch (type) {
            case "regex", "matchregex" -> new Rule.Criterion(type, rnd.nextBoolean() ? "^x" : "X|1", null);
            case "matchwildcard" -> new Rule.Criterion(type, rnd.nextBoolean() ? "x*" : "?", null);
            case "inside", "nin" -> new Rule.Criterion(type, rnd.nextBoolean() ? List.of("x", 1L) : "xyz", null);
            case "search" -> {
                Map<String, Object> children = new LinkedHashMap<>();
                children.put("item.d", Map.of("type", rnd.nextInt(3) == 0 ? "lt" : "equals", "pattern", value(rnd)));
                if (rnd.nextBoolean()) {
                    children.put("item.d#2", Map.of("type", "nequals", "pattern", value(rnd)));
                }
                String[] conditions = {"any", "all", "any2any", "all2any"};
                yield new Rule.Criterion(type, children, conditions[rnd.nextInt(conditions.length)]);
            }
            case "exists", "nexists" -> new Rule.Criterion(type, "-", null);
            default -> {
                Object v = value(rnd);
                yield new Rule.Criterion(type, rnd.nextInt(12) == 0 ? "{{ " + (v instanceof String s ? "'" + s + "'" : v) + " }}"
                        : v == null ? "x" : v, null);
            }
        };
    }

    private static Object value(RandomGenerator rnd) {
        Object v = VALUES[rnd.nextInt(VALUES.length)];
        return v == null ? "y" : v;
    }

    private static Map<String, Object> randomPayload(RandomGenerator rnd) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (rnd.nextInt(20) == 0) {
            return p;
        }
        for (String k : new String[] {"a", "b", "n", "x.y"}) {
            if (rnd.nextInt(4) != 0) {
                p.put(k, VALUES[rnd.nextInt(VALUES.length)]);
            }
        }
        if (rnd.nextBoolean()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("d", VALUES[rnd.nextInt(VALUES.length)]);
            p.put("c", rnd.nextInt(5) == 0 ? List.of(c) : c);
        }
        if (rnd.nextBoolean()) {
            List<Object> list = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                list.add(rnd.nextBoolean() ? VALUES[rnd.nextInt(VALUES.length)] : Map.of("d", value(rnd)));
            }
            p.put("list", rnd.nextInt(6) == 0 ? "x" : list);
        }
        return p;
    }
}
