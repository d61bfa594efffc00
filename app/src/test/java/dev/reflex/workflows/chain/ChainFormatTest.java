package dev.reflex.workflows.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain file format: what loads, the start task, and each mistake reported at its place. */
class ChainFormatTest {

    static LoadResult<ChainDefinition> load(String yaml) {
        return StrictLoader.load("c.yaml", yaml, SourceFormat.YAML, ChainFormat.of("c.yaml"));
    }

    static List<String> problems(String yaml) {
        return load(yaml).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aChainLoadsWithLegacyParamsPublishVarsAndNotify() {
        ChainDefinition c = load("""
                vars: {a: 1}
                chain:
                  - name: one
                    ref: core.local
                    params: {cmd: "echo {{ a }}"}
                    publish: {out: "{{ one.stdout }}"}
                    notify: {on-complete: {routes: [slack]}}
                    on-success: two
                  - {name: two, ref: core.noop, description: last}
                """).single();
        assertThat(c.nodes()).extracting(ChainDefinition.Node::name).containsExactly("one", "two");
        assertThat(c.nodes().getFirst().parameters()).isEqualTo(Map.of("cmd", "echo {{ a }}"));
        assertThat(c.nodes().getFirst().publish()).containsOnlyKeys("out");
        assertThat(c.nodes().getFirst().notifications()).containsKey("on-complete");
        assertThat(c.vars()).isEqualTo(Map.of("a", 1L));
        assertThat(c.start().name()).isEqualTo("one");
    }

    @Test
    void theStartIsDefaultElseTheFirstTaskNoTransitionNamesElseTheFirstTask() {
        String tasks = """
                chain:
                  - {name: handler, ref: core.noop}
                  - {name: main, ref: core.noop, on-failure: handler, on-success: loop}
                  - {name: loop, ref: core.noop, on-success: handler}
                """;
        assertThat(load(tasks).single().start().name()).isEqualTo("main");
        assertThat(load(tasks + "default: loop\n").single().start().name()).isEqualTo("loop");
        assertThat(load("""
                chain:
                  - {name: a, ref: core.noop, on-success: b}
                  - {name: b, ref: core.noop, on-success: a}
                """).single().start().name()).isEqualTo("a");
    }

    @Test
    void aNotifySectionIsOneOfTheThreeAndAMap() {
        assertThat(problems("""
                chain:
                  - name: a
                    ref: core.noop
                    notify:
                      on-complete: {routes: [chat]}
                      on-succes: {routes: [chat]}
                      on-failure: pager
                """)).containsExactly(
                "c.yaml:6:18: unknown notify section 'on-succes'; expected on-complete, on-success or on-failure"
                        + " (at /chain/0/notify/on-succes)",
                "c.yaml:7:19: a notify section is a map (message, data, routes) (at /chain/0/notify/on-failure)");
    }

    @Test
    void everyMistakeIsReportedAtItsPlace() {
        assertThat(problems("""
                chain:
                  - name: a
                    ref: core.noop
                    params: {}
                    parameters: {}
                    on-sucess: b
                  - name: a
                    on-failure: "{{ next }}"
                  - {name: c, ref: core.noop, publish: {bad-name: x}}
                default: zz
                extra: 1
                """)).containsExactly(
                "c.yaml:2:5: both 'parameters' and its legacy name 'params' are set; keep one (at /chain/0)",
                "c.yaml:6:5: unknown field 'on-sucess' (did you mean 'on-success'?); known fields: description, name, ref,"
                        + " params, parameters, on-success, on-failure, publish, notify (at /chain/0/on-sucess)",
                "c.yaml:7:5: missing required field 'ref' (at /chain/1)",
                "c.yaml:7:5: task name 'a' is used by another task of the chain (at /chain/1)",
                "c.yaml:8:17: '{{ next }}' is not a task of this chain (transitions name tasks; they are not templates);"
                        + " tasks: a, c (at /chain/1/on-failure)",
                "c.yaml:9:51: 'bad-name' is not a valid variable name (letters, digits and _ only) (at /chain/2/publish/bad-name)",
                "c.yaml:10:10: 'zz' is not a task of this chain; tasks: a, c (at /default)",
                "c.yaml:11:1: unknown field 'extra'; known fields: chain, default, vars (at /extra)");
        assertThat(problems("chain: []\n")).containsExactly("c.yaml:1:8: the chain has no task; give it at least one (at /chain)");
        assertThat(problems("vars: {}\n")).containsExactly("c.yaml:1:1: missing required field 'chain'");
    }
}
