package dev.reflex.runners.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.RunnerType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pack action's metadata read from its YAML file, just enough to build a {@link RunRequest} the
 * way the execution engine will: parameters the runner declares (and the action overrides) are
 * runner parameters, the rest are action parameters in declaration order, defaults applied.
 */
record PackAction(String name, String runnerType, Path entryPoint, Map<String, Map<String, Object>> parameters) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @SuppressWarnings("unchecked")
    static PackAction load(Path packDir, String action) {
        try {
            Map<String, Object> meta = YAML.readValue(packDir.resolve("actions").resolve(action + ".yaml").toFile(), Map.class);
            String entry = (String) meta.getOrDefault("entry_point", "");
            Map<String, Map<String, Object>> params = (Map<String, Map<String, Object>>) meta.getOrDefault("parameters", Map.of());
            return new PackAction((String) meta.get("name"), (String) meta.get("runner_type"),
                    entry.isEmpty() ? null : packDir.resolve("actions").resolve(entry), params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request for running this action with the given values (runner and action parameters mixed). */
    RunRequest request(String executionId, String pack, RunnerType runner, Map<String, Object> values) {
        Map<String, Object> runnerParams = new LinkedHashMap<>();
        Map<String, Object> actionParams = new LinkedHashMap<>();
        List<ParameterSpec> specs = new ArrayList<>();
        parameters.forEach((param, meta) -> {
            Object value = values.containsKey(param) ? values.get(param) : meta.get("default");
            if (runner.parameter(param).isPresent()) {
                if (value != null) {
                    runnerParams.put(param, value);
                }
                return;
            }
            actionParams.put(param, value);
            ParameterSpec spec = ParameterSpec.of(param, ParameterType.fromSchemaName(String.valueOf(meta.get("type")))
                    .orElse(ParameterType.UNSPECIFIED));
            if (meta.get("position") instanceof Integer position) {
                spec = spec.atPosition(position);
            }
            specs.add(spec);
        });
        values.forEach((param, value) -> {
            if (!parameters.containsKey(param)) {
                runnerParams.put(param, value);
            }
        });
        RunRequest request = RunRequest.of(executionId, pack + "." + name).withRunnerParameters(runnerParams)
                .withActionParameters(actionParams).withActionParameterSpecs(specs);
        return entryPoint == null ? request : request.withEntryPoint(entryPoint);
    }
}
