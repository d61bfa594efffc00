package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.template.PyJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every criteria operator and alias against StackStorm's semantics (st2common/operators.py and
 * st2reactor/rules/filter.py), one criterion on key {@code trigger.v} at a time.
 */
class OperatorsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final CriteriaEvaluator evaluator = new CriteriaEvaluator(Fixtures.TEMPLATES, Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> failures = new ArrayList<>();

    /** Evaluates {@code trigger.v <type> <pattern>} against {@code {"v": <valueJson>, "other": 1}} (value "missing": no v). */
    private boolean eval(String type, String patternJson, String valueJson) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("other", 1L);
        if (!valueJson.equals("missing")) {
            payload.put("v", PyJson.loads(valueJson));
        }
        return evalPayload(type, PyJson.loads(patternJson), payload);
    }

    private boolean evalPayload(String type, Object pattern, Map<String, Object> payload) {
        Map<String, Rule.Criterion> criteria = Map.of("trigger.v", new Rule.Criterion(type, pattern, null));
        return evalRule(criteria, payload);
    }

    private boolean evalRule(Map<String, Rule.Criterion> criteria, Map<String, Object> payload) {
        Rule rule = new Rule(null, "r", "p", null, true, null, new Rule.RuleTrigger("t.t", Map.of(), null, null), criteria,
                new Rule.RuleAction("core.noop", Map.of(), null), null, null, null);
        Parsed<CompiledRule> compiled = new RuleCompiler(Fixtures.TEMPLATES).compile(rule, "test");
        assertThat(compiled.problems()).isEmpty();
        return evaluator.matches(compiled.value(), "ti-1", EvaluationScope.of(payload,
                name -> name.equals("answer") ? Optional.of("42") : Optional.empty()), failures, null);
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            equals   | "check_load" | "check_load" | true
            eq       | "check_load" | "check_load" | true
            equals   | "1"          | 1            | false
            equals   | 1            | "1"          | false
            equals   | 1            | 1            | true
            equals   | 1            | 1.0          | true
            equals   | 1            | true         | true
            equals   | 0            | false        | true
            equals   | "Check"      | "check"      | false
            equals   | [1, 2]       | [1, 2]       | true
            equals   | {"a": 1}     | {"a": 1.0}   | true
            equals   | "x"          | missing      | false
            equals   | "x"          | null         | false
            nequals  | "x"          | "y"          | true
            neq      | "x"          | "x"          | false
            nequals  | "x"          | missing      | true
            nequals  | 1            | "1"          | true
            iequals  | "ABC"        | "abc"        | true
            ieq      | "abc"        | "abd"        | false
            """)
    void equality(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
    }

    @Test
    void iequalsOnANonStringRaisesAndRecordsAFailure() {
        assertThat(eval("iequals", "\"1\"", "1")).isFalse();
        assertThat(failures).singleElement().asString()
                .isEqualTo("Failed to match rule \"p.r\" against trigger instance \"ti-1\": There might be a problem with the"
                        + " criteria in rule p.r: 'int' object has no attribute 'lower'");
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            contains    | "CRIT"   | "x CRITICAL y"    | true
            contains    | "crit"   | "x CRITICAL y"    | false
            contains    | "b"      | ["a", "b"]        | true
            contains    | 1        | [1.0, 2]          | true
            contains    | "k"      | {"k": 1}          | true
            contains    | "v"      | {"k": "v"}        | false
            ncontains   | "CRIT"   | "x CRITICAL y"    | false
            ncontains   | "WARN"   | "x CRITICAL y"    | true
            icontains   | "crit"   | "x CRITICAL y"    | true
            incontains  | "crit"   | "x CRITICAL y"    | false
            incontains  | "warn"   | "x CRITICAL y"    | true
            startswith  | "web"    | "web-01"          | true
            startswith  | "WEB"    | "web-01"          | false
            istartswith | "WEB"    | "web-01"          | true
            endswith    | "-01"    | "web-01"          | true
            endswith    | "web"    | "web-01"          | false
            iendswith   | "-01"    | "WEB-01"          | true
            """)
    void substrings(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} raises {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            contains   | "x"   | missing | argument of type 'NoneType' is not iterable
            ncontains  | "x"   | missing | argument of type 'NoneType' is not iterable
            contains   | 1     | "abc"   | 'in <string>' requires string as left operand, not int
            contains   | "x"   | 5       | argument of type 'int' is not iterable
            contains   | ["x"] | {"x":1} | unhashable type: 'list'
            icontains  | "x"   | ["x"]   | 'list' object has no attribute 'lower'
            startswith | "x"   | 5       | 'int' object has no attribute 'startswith'
            startswith | 5     | "5x"    | startswith first arg must be str or a tuple of str, not int
            lessthan   | 5     | "4"     | '<' not supported between instances of 'str' and 'int'
            gt         | 5     | missing | '>' not supported between instances of 'NoneType' and 'int'
            gt         | {}    | {}      | '>' not supported between instances of 'dict' and 'dict'
            regex      | "a"   | 5       | expected string or bytes-like object, got 'int'
            regex      | 5     | "5"     | first argument must be string or compiled pattern
            matchregex | "a"   | missing | expected string or bytes-like object, got 'NoneType'
            matchwildcard | "a*" | 5     | expected str, bytes or os.PathLike object, not int
            inside     | 5     | "5"     | argument of type 'int' is not iterable
            inside     | "abc" | 1       | 'in <string>' requires string as left operand, not int
            timediff_lt | 60   | 5       | Parser must be a string or character stream, not int
            timediff_lt | "x"  | "2026-11-21T11:59:00Z" | could not convert string to float: 'x'
            """)
    void typeErrorsFailTheCriterionAndAreRecorded(String type, String pattern, String value, String message) {
        assertThat(eval(type, pattern, value)).isFalse();
        assertThat(failures).singleElement().asString().endsWith("in rule p.r: " + message);
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            lessthan    | 5      | 4        | true
            lt          | 5      | 5        | false
            lt          | 0      | -1       | true
            greaterthan | 0      | 1        | true
            gt          | 1      | 2        | true
            gt          | 2      | 2.5      | true
            gt          | 1      | true     | false
            gt          | "abc"  | "abd"    | true
            lt          | [1, 2] | [1, 1, 9] | true
            lt          | 9007199254740993 | 9007199254740992.0 | true
            gt          | 9007199254740993 | 9007199254740992.0 | false
            """)
    void ordering(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            matchwildcard | "web-*"      | "web-01"           | true
            matchwildcard | "web-?1"     | "web-01"           | true
            matchwildcard | "web-[0-9]*" | "web-01"           | true
            matchwildcard | "web-[!0]*"  | "web-01"           | false
            matchwildcard | "web"        | "web-01"           | false
            matchwildcard | "*.log"      | "a\\nb.log"        | true
            matchregex    | "CRITICAL"   | "x CRITICAL"       | false
            matchregex    | ".*CRITICAL.*" | "x CRITICAL y"   | true
            matchregex    | "^a.b"       | "a\\nb"            | true
            matchregex    | "create"     | "created"          | true
            matchregex    | "CheckProcess CRITICAL*" | "CheckProcess CRITICA" | true
            regex         | "CRITICAL"   | "x CRITICAL"       | true
            regex         | "^a.b"       | "a\\nb"            | false
            regex         | "crit"       | "x CRITICAL"       | false
            iregex        | "crit"       | "x CRITICAL"       | true
            regex         | "(?P<n>a)(?P=n)" | "xaa"          | true
            regex         | "a{,2}b"     | "aab"              | true
            regex         | "a{x}"       | "a{x}"             | true
            regex         | "a{"         | "a{"               | true
            regex         | "c\\\\Z"     | "abc"              | true
            """)
    void wildcardsAndRegularExpressions(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            timediff_lt | 120   | "2026-11-21T11:59:00Z"        | true
            td_lt       | 30    | "2026-11-21T11:59:00Z"        | false
            timediff_gt | 30    | "2026-11-21T11:59:00Z"        | true
            td_gt       | 120   | "2026-11-21 11:59:00"         | false
            td_gt       | "120" | "2026-11-21T13:58:30+02:00"   | false
            td_lt       | 120.5 | "2026-11-21T11:58:00.000001Z" | true
            td_gt       | 86400 | "Sat, 14 Nov 2026 12:00:00 GMT" | true
            """)
    void timeDifferences(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            exists   | "any" | "x"      | true
            exists   | "any" | 0        | true
            exists   | "any" | null     | false
            exists   | "any" | missing  | false
            nexists  | "any" | missing  | true
            nexists  | "any" | null     | true
            nexists  | "any" | ""       | false
            inside   | ["a", "b"] | "a" | true
            in       | ["a", "b"] | "c" | false
            inside   | [1, 2] | 2.0     | true
            inside   | "abcdef" | "cd"  | true
            inside   | {"k": 1} | "k"   | true
            inside   | ["a"] | missing  | false
            ninside  | ["a", "b"] | "c" | true
            nin      | ["a", "b"] | "a" | false
            nin      | [null] | missing | false
            """)
    void existenceAndMembership(String type, String pattern, String value, boolean expected) {
        assertThat(eval(type, pattern, value)).isEqualTo(expected);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyOperatorAndAliasIsKnown() {
        assertThat(Operator.all().keySet()).containsExactlyInAnyOrder("matchwildcard", "matchregex", "regex", "iregex",
                "eq", "equals", "nequals", "neq", "ieq", "iequals", "contains", "icontains", "ncontains", "incontains",
                "startswith", "istartswith", "endswith", "iendswith", "lt", "lessthan", "gt", "greaterthan", "td_lt",
                "timediff_lt", "td_gt", "timediff_gt", "exists", "nexists", "inside", "in", "ninside", "nin", "search");
        assertThat(Operator.byName("eq")).containsSame(Operator.byName("equals").orElseThrow());
        assertThat(Operator.byName("EQUALS")).isEmpty();
    }

    @Test
    void criteriaNeverMatchAnEmptyPayloadNotEvenNexists() {
        assertThat(evalPayload("nexists", "x", Map.of())).isFalse();
        assertThat(evalRule(Map.of(), Map.of())).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void criteriaStopAtTheFirstThatFails() {
        Map<String, Rule.Criterion> criteria = new LinkedHashMap<>();
        criteria.put("trigger.a", new Rule.Criterion("equals", "no", null));
        criteria.put("trigger.b", new Rule.Criterion("lt", 1L, null));
        assertThat(evalRule(criteria, Map.of("a", "yes", "b", "str"))).isFalse();
        assertThat(failures).as("the raising criterion after the failing one is not evaluated").isEmpty();
        criteria.put("trigger.a", new Rule.Criterion("equals", "yes", null));
        assertThat(evalRule(criteria, Map.of("a", "yes", "b", "str"))).isFalse();
        assertThat(failures).hasSize(1);
    }

    @Test
    void hashTagsPutSeveralCriteriaOnOneKey() {
        Map<String, Rule.Criterion> criteria = new LinkedHashMap<>();
        criteria.put("trigger.n#1", new Rule.Criterion("gt", 40L, null));
        criteria.put("trigger.n#2", new Rule.Criterion("lt", 50L, null));
        assertThat(evalRule(criteria, Map.of("n", 45L))).isTrue();
        assertThat(evalRule(criteria, Map.of("n", 55L))).isFalse();
        assertThat(evalRule(criteria, Map.of("n", 35L))).isFalse();
    }

    @Test
    void keysAreJsonPathsWithBracketsForSpecialCharacters() {
        Map<String, Object> payload = Fixtures.json("""
                {"headers": {"X-Custom-Header": "yes"}, "x.y": 1, "body": {"k": ["a", {"deep": true}]}}""");
        assertThat(evalRule(Map.of("trigger.headers['X-Custom-Header']", new Rule.Criterion("equals", "yes", null)), payload)).isTrue();
        assertThat(evalRule(Map.of("trigger['x.y']", new Rule.Criterion("equals", 1L, null)), payload)).isTrue();
        assertThat(evalRule(Map.of("trigger.body[\"k\"][0]", new Rule.Criterion("equals", "a", null)), payload)).isTrue();
        assertThat(evalRule(Map.of("trigger.body.k[1].deep", new Rule.Criterion("equals", true, null)), payload)).isTrue();
        assertThat(evalRule(Map.of("trigger..deep", new Rule.Criterion("equals", true, null)), payload)).isTrue();
        assertThat(evalRule(Map.of("trigger.x.y", new Rule.Criterion("nexists", "-", null)), payload)).isTrue();
    }

    @Test
    void templatePatternsRenderAndDecodeAsJson() {
        Map<String, Object> payload = Fixtures.json("{\"v\": 3, \"int\": 3, \"s\": \"3\", \"list\": [1, 2], \"name\": \"web\"}");
        assertThat(evalPayload("equals", "{{ 3 }}", payload)).as("'{{ 3 }}' is the integer 3").isTrue();
        assertThat(evalPayload("equals", "{{ trigger.int }}", payload)).isTrue();
        assertThat(evalPayload("equals", "{{ trigger.s }}", payload)).as("a string stays a string").isFalse();
        assertThat(evalPayload("equals", "{{trigger.s | int}}", payload)).isTrue();
        assertThat(evalPayload("inside", "{{ [2, 3, 4] }}", payload)).isTrue();
        assertThat(evalPayload("gt", "{{ trigger.int - 1 }}", payload)).isTrue();
        payload.put("v", "pre-web-post");
        assertThat(evalPayload("equals", "pre-{{ trigger.name }}-post", payload)).isTrue();
        payload.put("v", "42");
        assertThat(evalPayload("equals", "{{ st2kv.system.answer }}", payload))
                .as("a datastore value in a pattern works (it fails in StackStorm, st2#5260)").isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void aPatternTemplateThatFailsToRenderRecordsAFailure() {
        assertThat(evalPayload("equals", "{{ trigger.nope }}", Map.of("v", 1L))).isFalse();
        assertThat(failures).singleElement().asString().startsWith(
                "Failed to match rule \"p.r\" against trigger instance \"ti-1\": Failed to render pattern value"
                        + " \"{{ trigger.nope }}\" for key \"trigger.v\": ").contains("trigger.nope");
    }

    @Test
    void searchConditions() {
        Map<String, Object> payload = Fixtures.json("""
                {"v": [{"field_name": "Status", "to_value": "Approved"}, {"field_name": "Assignee", "to_value": "Stanley"}]}""");
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("item.field_name", Map.of("type", "equals", "pattern", "Status"));
        both.put("item.to_value", Map.of("type", "equals", "pattern", "Approved"));
        assertThat(search("any", both, payload)).isTrue();
        assertThat(search("all", both, payload)).isFalse();
        assertThat(search("any2any", both, payload)).isTrue();
        assertThat(search("all2any", both, payload)).isFalse();
        Map<String, Object> either = new LinkedHashMap<>();
        either.put("item.field_name", Map.of("type", "equals", "pattern", "Status"));
        either.put("item.to_value", Map.of("type", "equals", "pattern", "Stanley"));
        assertThat(search("any", either, payload)).isFalse();
        assertThat(search("all2any", either, payload)).isTrue();
        Map<String, Object> tagged = new LinkedHashMap<>();
        tagged.put("item.n#1", Map.of("type", "gt", "pattern", 40L));
        tagged.put("item.n#2", Map.of("type", "lt", "pattern", 50L));
        assertThat(search("any", tagged, Fixtures.json("{\"v\": [{\"n\": 45}, {\"n\": 60}]}"))).isTrue();
        assertThat(search("all", tagged, Fixtures.json("{\"v\": [{\"n\": 45}, {\"n\": 60}]}"))).isFalse();
        assertThat(search("any", tagged, Fixtures.json("{\"v\": {\"n\": 45}}"))).as("a dict is searched as one item").isTrue();
        assertThat(search("all", tagged, Fixtures.json("{\"v\": []}"))).as("all() of nothing is true").isTrue();
        assertThat(search("any", tagged, Fixtures.json("{\"v\": []}"))).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void searchOverANonListRaisesAndChildErrorsAreRecordedButDoNotStopTheSearch() {
        Map<String, Object> child = Map.of("item.n", Map.of("type", "lt", "pattern", 50L));
        assertThat(search("any", child, Fixtures.json("{\"v\": 5}"))).isFalse();
        assertThat(failures).singleElement().asString().endsWith("'int' object is not iterable");
        failures.clear();
        assertThat(search("any", child, Fixtures.json("{\"v\": [{\"n\": \"x\"}, {\"n\": 5}]}"))).isTrue();
        assertThat(failures).singleElement().asString()
                .endsWith("'<' not supported between instances of 'str' and 'int'");
    }

    @Test
    void searchChildPatternsRenderWithTheItem() {
        Map<String, Object> child = Map.of("item.a", Map.of("type", "equals", "pattern", "{{ item.b }}"));
        assertThat(search("any", child, Fixtures.json("{\"v\": [{\"a\": 1, \"b\": 2}, {\"a\": 7, \"b\": 7}]}"))).isTrue();
        assertThat(search("all", child, Fixtures.json("{\"v\": [{\"a\": 1, \"b\": 2}, {\"a\": 7, \"b\": 7}]}"))).isFalse();
    }

    private boolean search(String condition, Map<String, Object> children, Map<String, Object> payload) {
        return evalRule(Map.of("trigger.v", new Rule.Criterion("search", children, condition)), payload);
    }
}
