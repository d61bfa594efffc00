package dev.reflex.runners;

import dev.reflex.actions.ParameterSpec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution to run, with its parameters already rendered and cast by the engine and split as
 * StackStorm splits them: the runner parameters (those the runner declares, including an action's
 * overrides of them, such as {@code sudo}) and the action's own parameters, which shell-script
 * runners pass to the script as arguments in the order given here.
 *
 * @param executionId          the execution's id, used for the remote working directory and {@code ST2_ACTION_EXECUTION_ID}
 * @param actionRef            the action reference, {@code pack.name}
 * @param runnerParameters     values of runner parameters; missing ones take the runner's defaults
 * @param actionParameters     values of the action's own parameters, in declaration order
 * @param actionParameterSpecs the action's own parameter declarations (positions and types for script arguments)
 * @param entryPoint           the absolute path of the script, for script runners
 */
public record RunRequest(String executionId, String actionRef, Map<String, Object> runnerParameters,
                         Map<String, Object> actionParameters, List<ParameterSpec> actionParameterSpecs,
                         Optional<Path> entryPoint) {

    public RunRequest {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(actionRef, "actionRef");
        runnerParameters = Collections.unmodifiableMap(new LinkedHashMap<>(runnerParameters));
        actionParameters = Collections.unmodifiableMap(new LinkedHashMap<>(actionParameters));
        actionParameterSpecs = List.copyOf(actionParameterSpecs);
        Objects.requireNonNull(entryPoint, "entryPoint");
    }

    /** A request without parameters or script. */
    public static RunRequest of(String executionId, String actionRef) {
        return new RunRequest(executionId, actionRef, Map.of(), Map.of(), List.of(), Optional.empty());
    }

    /** The same request with these runner parameters (null values allowed). */
    public RunRequest withRunnerParameters(Map<String, ?> values) {
        return new RunRequest(executionId, actionRef, copy(values), actionParameters, actionParameterSpecs, entryPoint);
    }

    /** The same request with these action parameters, in argument order (null values allowed). */
    public RunRequest withActionParameters(Map<String, ?> values) {
        return new RunRequest(executionId, actionRef, runnerParameters, copy(values), actionParameterSpecs, entryPoint);
    }

    /** The same request with these action parameter declarations. */
    public RunRequest withActionParameterSpecs(List<ParameterSpec> specs) {
        return new RunRequest(executionId, actionRef, runnerParameters, actionParameters, specs, entryPoint);
    }

    /** The same request running this script. */
    public RunRequest withEntryPoint(Path script) {
        return new RunRequest(executionId, actionRef, runnerParameters, actionParameters, actionParameterSpecs,
                Optional.of(script));
    }

    /** The pack part of the action reference ({@code linux} for {@code linux.check_loadavg}). */
    public String pack() {
        int dot = actionRef.indexOf('.');
        return dot < 0 ? actionRef : actionRef.substring(0, dot);
    }

    /** Names the parameters but shows none of their values, since some may be secrets. */
    @Override
    public String toString() {
        return "RunRequest[executionId=" + executionId + ", actionRef=" + actionRef
                + ", runnerParameters=" + runnerParameters.keySet() + ", actionParameters=" + actionParameters.keySet()
                + ", entryPoint=" + entryPoint.map(Path::toString).orElse("-") + "]";
    }

    private static Map<String, Object> copy(Map<String, ?> values) {
        return new LinkedHashMap<>(values);
    }
}
