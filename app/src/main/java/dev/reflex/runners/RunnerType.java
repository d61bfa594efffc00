package dev.reflex.runners;

import dev.reflex.actions.ParameterSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A runner's metadata, as StackStorm's {@code runner.yaml} declares it: the name actions use in
 * {@code runner_type}, a description, the runner parameters (in declaration order) and, for some
 * runners, the result key that holds the interesting output ({@code body} for {@code http-request}).
 *
 * @param name        the runner name, such as {@code local-shell-cmd}
 * @param description one line saying what the runner does
 * @param parameters  the runner parameters, in declaration order, with unique names
 * @param outputKey   the result key that holds the main output, if the runner declares one
 */
public record RunnerType(String name, String description, List<ParameterSpec> parameters, Optional<String> outputKey) {

    public RunnerType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(outputKey, "outputKey");
        Map<String, ParameterSpec> seen = new LinkedHashMap<>();
        for (ParameterSpec spec : parameters) {
            if (seen.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("runner " + name + " declares parameter " + spec.name() + " twice");
            }
        }
    }

    /** A runner type without an output key. */
    public static RunnerType of(String name, String description, List<ParameterSpec> parameters) {
        return new RunnerType(name, description, parameters, Optional.empty());
    }

    /** The declaration of the named runner parameter, if the runner has it. */
    public Optional<ParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** The names of the parameters declared {@code secret}. */
    public List<String> secretParameters() {
        return parameters.stream().filter(ParameterSpec::secret).map(ParameterSpec::name).toList();
    }
}
