package dev.reflex.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The binding API, on a small rule-like format defined the way later formats will be. */
class BindingTest {

    enum Kind { STANDARD, BACKSTOP }

    record Action(String ref, Map<String, Object> parameters) {
    }

    record Rule(String name, boolean enabled, Kind kind, int priority, Duration cooldown, List<String> tags,
                Action action, List<String> owners) {
        Rule {
            if (priority == 13) {
                throw new IllegalArgumentException("priority 13 is unlucky");
            }
        }
    }

    static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    static final Format<Rule> RULE = Format.object(o -> new Rule(
            o.required("name").matching(NAME, "use a-z, 0-9 and _").string(),
            o.bool("enabled", false),
            o.optional("kind").enumValue(Kind.class, Kind.STANDARD),
            o.optional("priority").intValue(0, 0, 100),
            o.optional("cooldown").duration(Duration.ZERO),
            o.stringList("tags"),
            o.required("action").object(a -> new Action(
                    a.requiredString("ref"),
                    a.optional("parameters").plainMap())),
            o.optional("owners").list(v -> v.object(w -> w.requiredString("name")))));

    private static LoadResult<Rule> load(String yaml) {
        return StrictLoader.load("r.yaml", yaml, SourceFormat.YAML, RULE);
    }

    private static List<String> errors(LoadResult<?> r) {
        return r.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aValidFileGivesARecordWithPlainJavaPayloads() {
        LoadResult<Rule> r = load("""
                name: restart_web
                enabled: true
                kind: backstop
                priority: 5
                cooldown: 1m30s
                tags: [web, prod]
                action:
                  ref: core.local
                  parameters:
                    cmd: "systemctl restart web"
                    timeout: 30
                    env: {A: "1"}
                    hosts: [a, b]
                    dry: false
                    note: ~
                owners:
                  - name: ops
                """);
        assertThat(r.problems()).isEmpty();
        Rule rule = r.single();
        assertThat(rule.name()).isEqualTo("restart_web");
        assertThat(rule.kind()).isEqualTo(Kind.BACKSTOP);
        assertThat(rule.cooldown()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rule.owners()).containsExactly("ops");
        Map<String, Object> p = rule.action().parameters();
        assertThat(p).containsEntry("cmd", "systemctl restart web").containsEntry("timeout", 30L)
                .containsEntry("env", Map.of("A", "1")).containsEntry("hosts", List.of("a", "b"))
                .containsEntry("dry", false).containsEntry("note", null);
        assertThat(p.keySet()).containsExactly("cmd", "timeout", "env", "hosts", "dry", "note");
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnceInFileOrder() {
        LoadResult<Rule> r = load("""
                name: Restart-Web
                enbled: true
                kind: standart
                priority: high
                cooldown: 5
                tags: web
                action:
                  parameters:
                    timeout: 30
                  parameterz: {}
                owners:
                  - name: ops
                  - {nmae: x}
                """);
        assertThat(r.ok()).isEmpty();
        assertThat(errors(r)).containsExactly(
                "r.yaml:1:7: 'Restart-Web' is not valid: use a-z, 0-9 and _ (at /name)",
                "r.yaml:2:1: unknown field 'enbled' (did you mean 'enabled'?); known fields: name, enabled, kind, "
                        + "priority, cooldown, tags, action, owners (at /enbled)",
                "r.yaml:3:7: unknown value 'standart' (did you mean 'standard'?); expected one of: standard, backstop (at /kind)",
                "r.yaml:4:11: expected an integer but found a string (\"high\") (at /priority)",
                "r.yaml:5:11: expected a duration but found an integer (5); add a unit, for example '5s' (at /cooldown)",
                "r.yaml:6:7: expected a list but found a string (\"web\") (at /tags)",
                "r.yaml:8:3: missing required field 'ref' (at /action)",
                "r.yaml:10:3: unknown field 'parameterz' (did you mean 'parameters'?); known fields: ref, parameters "
                        + "(at /action/parameterz)",
                "r.yaml:13:5: missing required field 'name' (at /owners/1)",
                "r.yaml:13:6: unknown field 'nmae' (did you mean 'name'?); known fields: name (at /owners/1/nmae)");
    }

    @Test
    void typeErrorsNameThePathInsideTheDocument() {
        assertThat(errors(load("name: x\naction:\n  ref: 12\n"))).containsExactly(
                "r.yaml:3:8: expected a string but found an integer (12); put it in quotes if it is meant as text (at /action/ref)");
        assertThat(errors(load("name: x\naction: [a]\n"))).containsExactly(
                "r.yaml:2:9: expected a map but found a list (at /action)");
        assertThat(errors(load("name: x\npriority: 500\naction: {ref: a}\n"))).containsExactly(
                "r.yaml:2:11: must be between 0 and 100 but is 500 (at /priority)");
        assertThat(errors(load("name: x\naction: {ref: a, parameters: [1]}\n"))).containsExactly(
                "r.yaml:2:30: expected a map but found a list (at /action/parameters)");
    }

    @Test
    void missingAndNullRequiredFields() {
        assertThat(errors(load("enabled: true\n"))).containsExactly(
                "r.yaml:1:1: missing required field 'name'",
                "r.yaml:1:1: missing required field 'action'");
        assertThat(errors(load("name:\naction: {ref: a}\n"))).containsExactly(
                "r.yaml:1:1: field 'name' needs a value (at /name)");
    }

    @Test
    void anExceptionFromARecordConstructorBecomesAnErrorAtTheObject() {
        assertThat(errors(load("name: x\npriority: 13\naction: {ref: a}\n"))).containsExactly(
                "r.yaml:1:1: priority 13 is unlucky");
    }

    @Test
    void emptyFilesAndWrongTopLevelValues() {
        assertThat(errors(load(""))).containsExactly("r.yaml: the file is empty; expected a map of settings");
        assertThat(errors(load("- a\n"))).containsExactly("r.yaml:1:1: expected a map but found a list");
    }

    @Test
    void duplicateKeysAndBindingErrorsAreReportedTogether() {
        assertThat(errors(load("name: x\nname: y\nactoin: {}\n"))).containsExactly(
                "r.yaml:1:1: missing required field 'action'",
                "r.yaml:2:1: duplicate key 'name' (first defined at line 1) (at /name)",
                "r.yaml:3:1: unknown field 'actoin' (did you mean 'action'?); known fields: name, enabled, kind, "
                        + "priority, cooldown, tags, action, owners (at /actoin)");
    }

    record Check(String command, int interval, Map<String, Object> custom) {
    }

    @Test
    void openObjectsAcceptOrWarnAboutExtraFields() {
        Format<Check> open = Format.object(o -> {
            o.allowUnknownFields();
            String command = o.requiredString("command");
            int interval = o.intValue("interval", 60);
            Map<String, Object> custom = new java.util.LinkedHashMap<>();
            o.unknownFields().forEach((k, v) -> custom.put(k, v.plain()));
            return new Check(command, interval, custom);
        });
        LoadResult<Check> r = StrictLoader.load("c.json", "{\"command\": \"x\", \"team\": \"ops\", \"runbook\": {\"url\": \"u\"}}",
                SourceFormat.JSON, open);
        assertThat(r.problems()).isEmpty();
        assertThat(r.single().custom()).isEqualTo(Map.of("team", "ops", "runbook", Map.of("url", "u")));

        Format<String> warn = Format.object(o -> {
            o.warnUnknownFields();
            return o.requiredString("name");
        });
        LoadResult<String> w = StrictLoader.load("p.yaml", "name: x\nnmae: y\n", SourceFormat.YAML, warn);
        assertThat(w.problems()).isEmpty();
        assertThat(w.single()).isEqualTo("x");
        assertThat(w.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "p.yaml:2:1: unknown field 'nmae' (did you mean 'name'?); known fields: name (at /nmae)");
    }

    @Test
    void userKeyedMapsAndJsonPassthrough() {
        Format<Map<String, Integer>> limits = Format.object(o -> o.optional("limits").map(v -> v.intValue(0)));
        LoadResult<Map<String, Integer>> r = StrictLoader.load("l.yaml", "limits:\n  cpu: 2\n  mem: lots\n",
                SourceFormat.YAML, limits);
        assertThat(errors(r)).containsExactly("l.yaml:3:8: expected an integer but found a string (\"lots\") (at /limits/mem)");

        Format<String> json = Format.object(o -> o.optional("payload").json().toString());
        assertThat(StrictLoader.load("j.yaml", "payload: {a: [1, true, null]}\n", SourceFormat.YAML, json).single())
                .isEqualTo("{\"a\":[1,true,null]}");
    }

    @Test
    void manyFilesLoadIndependently() {
        Format<String> names = Format.object(o -> o.requiredString("name"));
        LoadResult<String> all = LoadResult.concat(List.of(
                StrictLoader.load("a.yaml", "name: a\n", SourceFormat.YAML, names),
                StrictLoader.load("b.yaml", "name: [\n", SourceFormat.YAML, names),
                StrictLoader.load("c.yaml", "name: c\nextra: 1\n", SourceFormat.YAML, names),
                StrictLoader.load("d.yaml", "name: d\n", SourceFormat.YAML, names)));
        assertThat(all.values()).containsExactly("a", "d");
        assertThat(all.problems()).extracting(ConfigProblem::file).containsExactly("b.yaml", "c.yaml");
    }
}
