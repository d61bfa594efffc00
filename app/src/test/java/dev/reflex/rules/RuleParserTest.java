package dev.reflex.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static List<String> problems(String yaml) {
        return Fixtures.parse(yaml).problems().stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    @Test
    void readsTheWholeSchemaWithStackStormDefaults() {
        Rule r = Fixtures.rule("""
                name: r1
                trigger: {type: core.st2.webhook, parameters: {url: sample}}
                action: {ref: core.local}
                """);
        assertThat(r.pack()).isEqualTo("default");
        assertThat(r.ref()).isEqualTo("default.r1");
        assertThat(r.uid()).isEqualTo("rule:default:r1");
        assertThat(r.enabled()).as("rules are disabled unless enabled").isFalse();
        assertThat(r.type().backstop()).isFalse();
        assertThat(r.criteria()).isEmpty();
        assertThat(r.action().parameters()).isEmpty();
        Rule full = Fixtures.rule("""
                id: 5f0
                name: r2
                pack: examples
                ref: ignored.value
                uid: ignored
                description: all fields
                enabled: true
                type: {ref: backstop, parameters: {}}
                trigger: {type: core.st2.generic.actiontrigger, parameters: {}, description: d, ref: core.x}
                criteria:
                  trigger.status: {type: equals, pattern: failed}
                  trigger.n#1: {type: gt, pattern: 1}
                action: {ref: core.local, description: run, parameters: {cmd: "echo {{ trigger.status }}", n: 3}}
                context: {user: stanley}
                tags: [{name: team, value: ops}]
                metadata_file: rules/r2.yaml
                """);
        assertThat(full.id()).isEqualTo("5f0");
        assertThat(full.ref()).isEqualTo("examples.r2");
        assertThat(full.type().backstop()).isTrue();
        assertThat(full.criteria().keySet()).containsExactly("trigger.status", "trigger.n#1");
        assertThat(full.criteria().get("trigger.n#1")).isEqualTo(new Rule.Criterion("gt", 1L, null));
        assertThat(full.action().parameters()).containsEntry("n", 3L);
        assertThat(full.tags()).containsExactly(new Rule.Tag("team", "ops"));
        assertThat(full.metadataFile()).isEqualTo("rules/r2.yaml");
    }

    @Test
    void unknownFieldsAndWrongTypesAreErrorsWithPaths() {
        assertThat(problems("""
                name: r
                enabled: "yes"
                trigger: {type: t.t}
                action: {ref: a.b, parametres: {}}
                critera: {}
                """)).containsExactlyInAnyOrder(
                ": Additional properties are not allowed ('critera' was unexpected)",
                "/enabled: 'yes' is not of type 'boolean'",
                "/action: Additional properties are not allowed ('parametres' was unexpected)");
        assertThat(problems("description: x")).containsExactlyInAnyOrder(": 'name' is a required property",
                ": 'trigger' is a required property", ": 'action' is a required property");
        assertThat(problems("[1, 2]")).containsExactly(": [1, 2] is not of type 'object'");
        assertThat(problems("{name: r, trigger: {type: t.t}, action: {ref: a.b}, type: {ref: sometimes}}"))
                .containsExactly("/type/ref: 'sometimes' is not one of ['standard', 'backstop']");
    }

    @Test
    void criteriaAreCheckedAsStackStormDoesAndMore() {
        String rule = """
                name: r
                trigger: {type: t.t}
                action: {ref: a.b}
                criteria:
                  trigger.a: {type: EQUALS, pattern: x}
                  trigger.b: {type: exists}
                  trigger.c: {pattern: x}
                  trigger.X-Header: {type: equals, pattern: x}
                  trigger.d: {type: regex, pattern: "(unclosed"}
                  trigger.e: {type: equals, pattern: "{{ trigger.x"}
                  trigger.f: {type: search, condition: most, pattern: {item.x: {type: equals, pattern: 1}}}
                  trigger.g: {type: search, condition: any, pattern: {item.x: {type: nope, pattern: 1}}}
                """;
        List<String> found = problems(rule);
        assertThat(found).hasSize(8);
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("/criteria/trigger.a/type: For field: trigger.a, operator EQUALS not in list"));
        assertThat(found).contains("/criteria/trigger.b/pattern: For field: trigger.b, no pattern specified for operator exists");
        assertThat(found).contains("/criteria/trigger.c: Operator not specified for field: trigger.c");
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("/criteria/trigger.X-Header: Failed transforming criteria key"));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("/criteria/trigger.d/pattern: invalid regular expression '(unclosed'"));
        assertThat(found).contains("/criteria/trigger.e/pattern: Failed to render pattern value \"{{ trigger.x\": Unclosed token");
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("/criteria/trigger.f/condition: The 'most' condition is not recognized"));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("/criteria/trigger.g/pattern/item.x/type: For field: item.x, operator nope"));
    }

    @Test
    void actionTemplatesAreCheckedAtLoad() {
        assertThat(problems("""
                name: r
                trigger: {type: t.t}
                action: {ref: a.b, parameters: {cmd: "{{ trigger.x | nosuch }}", list: [ok, "{% if %}"], m: {"{{ k": v}}}
                """)).containsExactlyInAnyOrder(
                "/action/parameters/cmd: invalid template: No filter named 'nosuch'",
                "/action/parameters/list/1: invalid template: Syntax error in '{% if %}': Tag 'if' expects expression",
                "/action/parameters/list/1: invalid template: Syntax error in '{% if %}': Missing end tag: endif for tag"
                        + " defined as: {% if %}",
                "/action/parameters/m/{{ k: invalid template: Unclosed token");
    }

    @Test
    void triggerParametersAreValidatedAgainstAKnownType() {
        assertThat(problems("{name: r, trigger: {type: core.st2.webhook, parameters: {}}, action: {ref: a.b}}"))
                .containsExactly("/trigger/parameters: 'url' is a required property");
        assertThat(problems("{name: r, trigger: {type: core.st2.IntervalTimer, parameters: {delta: 5, unit: years}}, action: {ref: a.b}}"))
                .containsExactly("/trigger/parameters/unit: 'years' is not one of ['weeks', 'days', 'hours', 'minutes', 'seconds']");
        assertThat(problems("{name: r, trigger: {type: my.own, parameters: {anything: 1}}, action: {ref: a.b}}")).isEmpty();
    }

    @Test
    void problemsNameTheSourceAndAJsonPointer() {
        ConfigProblem p = Fixtures.parse("{name: r, trigger: {type: t}, action: {ref: a}, criteria: {a/b~c: {type: x, pattern: 1}}}")
                .problems().getFirst();
        assertThat(p.file()).isEqualTo("test.yaml");
        assertThat(p.path()).isEqualTo("/criteria/a~1b~0c/type");
        assertThat(p.toString()).startsWith("test.yaml: For field: a/b~c, operator x");
        assertThat(Fixtures.parse("{name: r, trigger: {type: t}, action: {ref: a}, criteria: {a/b~c: {type: x, pattern: 1}}}").value()).isNull();
        assertThat(Fixtures.parse("{name: r, trigger: {type: t}, action: {ref: a}, criteria: {trigger.x: {type: eq, pattern: 1}}}")
                .value().criteria()).containsKey("trigger.x");
        assertThat(Map.of()).isEmpty();
    }
}
