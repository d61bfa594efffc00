package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ParameterSchema;
import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ResolvedParameters;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.Runners;
import dev.reflex.runners.mail.SendmailMapping;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one execution on its runner: builds the {@link RunRequest} from the resolved parameters
 * (runner and action values split, script arguments in order, entry point), applies the global
 * timeout default and {@code core.sendmail}'s mapping onto the email runner, and turns anything that
 * escapes the runner into a failed outcome. An action whose runner Reflex does not have fails with
 * "runner not available".
 */
final class ActionInvocation {

    private static final Logger LOG = LoggerFactory.getLogger(ActionInvocation.class);

    private final Runners runners;
    private final ExecutionSettings settings;

    ActionInvocation(Runners runners, ExecutionSettings settings) {
        this.runners = runners;
        this.settings = settings;
    }

    /** The runner's parameter declarations, or null when Reflex has no such runner. */
    List<ParameterSpec> runnerParameters(String runnerType) {
        return runners.find(runnerType).map(r -> r.type().parameters()).orElse(null);
    }

    /** Whether the runner says running an execution again is harmless (see {@link Runner#repeatable()}). */
    boolean repeatable(String runnerType) {
        return runners.find(runnerType).map(Runner::repeatable).orElse(false);
    }

    /** Runs the execution and returns how it ended. */
    RunOutcome run(String executionId, Action action, ResolvedParameters params, RunContext context) {
        Optional<Runner> runner = runners.find(action.runnerType());
        if (runner.isEmpty()) {
            return RunOutcome.failure("Runner \"" + action.runnerType() + "\" is not available in Reflex; action \""
                    + action.ref() + "\" cannot run (runner not available)");
        }
        Map<String, Object> runnerValues = new LinkedHashMap<>(params.runner());
        applyDefaultTimeout(action, runner.get(), params, runnerValues);
        RunRequest request = RunRequest.of(executionId, action.ref()).withRunnerParameters(runnerValues)
                .withActionParameters(params.action())
                .withActionParameterSpecs(params.actionSchemas().stream().map(ParameterSchema::spec).toList());
        Optional<Path> entry = action.entryPointPath();
        if (entry.isPresent()) {
            request = request.withEntryPoint(entry.get());
        }
        if ("email".equals(action.runnerType()) && "core.sendmail".equals(action.ref())) {
            Map<String, Object> all = new LinkedHashMap<>(params.action());
            all.putAll(params.runner());
            request = SendmailMapping.toEmailRequest(RunRequest.of(executionId, action.ref()).withActionParameters(all),
                    settings.hostname());
        }
        try {
            return runner.get().run(request, context);
        } catch (RuntimeException e) {
            LOG.error("execution {}: runner {} failed unexpectedly", executionId, action.runnerType(), e);
            return RunOutcome.failure("Runner " + action.runnerType() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * The global default applies when the runner has a {@code timeout}, the request did not give one and
     * the action does not declare its own default.
     */
    private void applyDefaultTimeout(Action action, Runner runner, ResolvedParameters params, Map<String, Object> values) {
        if (settings.defaultTimeout().isPresent() && runner.type().parameter("timeout").isPresent()
                && !params.live().containsKey("timeout")
                && action.parameter("timeout").flatMap(ParameterSchema::defaultValue).isEmpty()) {
            values.put("timeout", settings.defaultTimeout().get().toSeconds());
        }
    }
}
