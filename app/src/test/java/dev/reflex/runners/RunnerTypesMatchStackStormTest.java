package dev.reflex.runners;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.local.LocalRunnerTypes;
import dev.reflex.runners.remote.RemoteRunnerTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Our runner metadata declares the same runner parameters as StackStorm's runner.yaml files in shared/compat. */
class RunnerTypesMatchStackStormTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stackStormRunner(String file, String name) throws IOException {
        String shared = System.getenv().getOrDefault("REFLEX_SHARED_DIR", "../shared");
        List<Map<String, Object>> runners = new ObjectMapper(new YAMLFactory())
                .readValue(Path.of(shared, "compat/st2/st2/contrib/runners", file).toFile(), List.class);
        return runners.stream().filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow();
    }

    private static RunnerType ours(String name) {
        return List.of(LocalRunnerTypes.COMMAND, LocalRunnerTypes.SCRIPT, RemoteRunnerTypes.COMMAND, RemoteRunnerTypes.SCRIPT)
                .stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
        "local_runner/local_runner/runner.yaml, local-shell-cmd",
        "local_runner/local_runner/runner.yaml, local-shell-script",
        "remote_runner/remote_runner/runner.yaml, remote-shell-cmd",
        "remote_runner/remote_runner/runner.yaml, remote-shell-script",
    })
    @SuppressWarnings("unchecked")
    void sameParametersTypesDefaultsAndFlags(String file, String name) throws IOException {
        Map<String, Map<String, Object>> theirs =
                (Map<String, Map<String, Object>>) stackStormRunner(file, name).get("runner_parameters");
        RunnerType ours = ours(name);
        assertThat(ours.parameters().stream().map(ParameterSpec::name)).containsExactlyInAnyOrderElementsOf(theirs.keySet());
        theirs.forEach((param, meta) -> {
            ParameterSpec spec = ours.parameter(param).orElseThrow();
            assertThat(spec.type()).as(name + "." + param + " type")
                    .isEqualTo(ParameterType.fromSchemaName((String) meta.get("type")).orElseThrow());
            assertThat(spec.defaultValue().orElse(null)).as(name + "." + param + " default").isEqualTo(meta.get("default"));
            assertThat(spec.required()).as(name + "." + param + " required").isEqualTo(Boolean.TRUE.equals(meta.get("required")));
            assertThat(spec.secret()).as(name + "." + param + " secret").isEqualTo(Boolean.TRUE.equals(meta.get("secret")));
            assertThat(spec.immutable()).as(name + "." + param + " immutable").isEqualTo(Boolean.TRUE.equals(meta.get("immutable")));
        });
    }
}
