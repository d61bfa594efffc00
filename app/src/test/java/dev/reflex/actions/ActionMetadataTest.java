package dev.reflex.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.template.TemplateEngine;
import dev.reflex.template.TemplateValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Action metadata: StackStorm's files load, errors are located, casts and rendering behave as StackStorm's. */
class ActionMetadataTest {

    private static final TemplateEngine TEMPLATES = new TemplateEngine();
    private static final ActionFormat FORMAT = new ActionFormat(TEMPLATES);
    private static final Path COMPAT = Path.of(System.getenv().getOrDefault("REFLEX_SHARED_DIR", "../shared"), "compat/st2");

    static LoadResult<Action> load(String yaml) {
        return StrictLoader.load("a.yaml", yaml, SourceFormat.YAML, FORMAT.inPack("test", Optional.empty(), "actions/a.yaml"));
    }

    @Test
    void everyStackStormActionMetadataFileLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(COMPAT)) {
            files = walk.filter(p -> p.getParent().getFileName().toString().equals("actions"))
                    .filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path f : files) {
            LoadResult<Action> r = StrictLoader.load(f, FORMAT.inPack("compat", Optional.of(f.getParent()), f.toString()));
            assertThat(r.problems()).as(f.toString()).isEmpty();
            assertThat(r.values()).as(f.toString()).hasSize(1);
        }
    }

    @Test
    void problemsAreLocatedAndAllReported() {
        LoadResult<Action> r = load("""
                name: bad
                runner_type: local-shell-cmd
                entrypoint: x.sh
                parameters:
                  "no-dash": {type: string}
                  n: {type: integr, required: maybe}
                  t: {type: string, default: "{{ x | nofilter }}"}
                """);
        assertThat(r.problems()).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p)
                .startsWith("a.yaml:3:1").contains("entrypoint"));
        assertThat(r.problems()).extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("no-dash").contains("^\\w+$"))
                .anySatisfy(p -> assertThat(p).contains("a.yaml:6").contains("unknown type 'integr'"))
                .anySatisfy(p -> assertThat(p).contains("nofilter"));
    }

    static ParameterSchema param(String yaml) {
        Action a = load("name: p\nrunner_type: noop\nparameters:\n  v: " + yaml + "\n").single();
        return a.parameters().get(0);
    }

    @Test
    void castsFollowStackStorm() {
        assertThat(ParameterCasts.cast(param("{type: integer}"), "42")).isEqualTo(42L);
        assertThat(ParameterCasts.cast(param("{type: integer}"), 3.9)).isEqualTo(3L);
        assertThat(ParameterCasts.cast(param("{type: number}"), "1e3")).isEqualTo(1000.0);
        assertThat(ParameterCasts.cast(param("{type: boolean}"), "TRUE")).isEqualTo(true);
        assertThat(ParameterCasts.cast(param("{type: boolean}"), "false")).isEqualTo(false);
        assertThat(ParameterCasts.cast(param("{type: boolean}"), "1")).isEqualTo(1L);
        assertThat(ParameterCasts.cast(param("{type: object}"), "{'a': [1, True, None]}"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, true, null)));
        assertThat(ParameterCasts.cast(param("{type: array}"), "[\"x\", 2]")).isEqualTo(List.of("x", 2L));
        assertThat(ParameterCasts.cast(param("{type: string}"), "%*****__%NONE%__*****%")).isNull();
        assertThatThrownBy(() -> ParameterCasts.cast(param("{type: string}"), 5L))
                .hasMessageContaining("Value \"5\" must either be a string or None. Got \"int\".");
        assertThatThrownBy(() -> ParameterCasts.cast(param("{type: boolean}"), "yes"))
                .hasMessageContaining("parameter \"v\"");
        assertThatThrownBy(() -> ParameterCasts.cast(param("{type: integer, secret: true}"), "hunter2"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void validationNamesTheParameterAndTheRule() {
        assertThat(ParameterValidation.problems(param("{type: integer, minimum: 1, maximum: 5}"), 9L))
                .containsExactly("Parameter \"v\": 9 is greater than the maximum of 5");
        assertThat(ParameterValidation.problems(param("{type: string, enum: [a, b]}"), "c"))
                .containsExactly("Parameter \"v\": 'c' is not one of ['a', 'b']");
        assertThat(ParameterValidation.problems(param("{type: string, pattern: '^\\d+$'}"), "12x")).hasSize(1);
        assertThat(ParameterValidation.problems(param("{type: boolean}"), 1L))
                .containsExactly("Parameter \"v\": 1 is not of type 'boolean'");
    }

    @Test
    void defaultsRenderInDependencyOrderAndRunnerParametersAreOverridden() {
        Action a = load("""
                name: chain
                runner_type: local-shell-cmd
                parameters:
                  greeting: {type: string, default: "{{ who }}, {{ st2kv.system.suffix }}"}
                  who: {type: string, default: "{{ action_context.user }}"}
                  count: {type: integer, default: "{{ 2 + 3 }}"}
                  timeout: {default: 5}
                  cmd: {type: string, default: "echo {{ greeting }}"}
                """).single();
        ParameterResolver resolver = new ParameterResolver(TEMPLATES);
        List<ParameterSpec> runner = List.of(ParameterSpec.of("cmd", ParameterType.STRING),
                ParameterSpec.of("timeout", ParameterType.INTEGER).withDefault(60));
        Map<String, Object> ctx = Map.of("action_context", TemplateValues.view(Map.of("user", "stanley")),
                "st2kv", Map.of("system", TemplateValues.view(Map.of("suffix", "hi!"))));
        ResolvedParameters r = resolver.resolve(a, runner, Map.of(), ctx, true);
        assertThat(r.runner()).containsEntry("cmd", "echo 'stanley, hi!'").containsEntry("timeout", 5L);
        assertThat(r.action()).containsEntry("greeting", "stanley, hi!").containsEntry("count", 5L);
        Action cyclic = load("""
                name: cyclic
                runner_type: noop
                parameters:
                  a: {type: string, default: "{{ b }}"}
                  b: {type: string, default: "{{ a }}"}
                """).single();
        assertThatThrownBy(() -> resolver.resolve(cyclic, List.of(), Map.of(), Map.of(), true))
                .hasMessageContaining("Cyclic dependency found in the following variables: a, b");
    }
}
