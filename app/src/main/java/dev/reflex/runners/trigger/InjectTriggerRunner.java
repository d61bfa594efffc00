package dev.reflex.runners.trigger;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The {@code inject-trigger} runner: hands a trigger reference and a payload to the injected
 * emitter (the trigger pipeline plugs in there). Parameters are those of {@code core.inject_trigger}:
 * {@code trigger_name} (or the older {@code trigger}, never both), {@code payload} and
 * {@code trace_tag}. The result has the shape of that Python action's execution,
 * {@code {result: {trigger, payload, trace_tag}, exit_code: 0, stdout: "", stderr: ""}}. The
 * emitter takes a reference and a payload only, so the trace tag is echoed in the result but not
 * passed on.
 */
public final class InjectTriggerRunner implements Runner {

    /** The runner's metadata. */
    public static final RunnerType TYPE = RunnerType.of("inject-trigger",
            "Emits a trigger instance with the given payload.", List.of(
                    ParameterSpec.of("trigger", ParameterType.STRING)
                            .withDescription("Trigger reference; the older name of trigger_name."),
                    ParameterSpec.of("trigger_name", ParameterType.STRING)
                            .withDescription("Trigger reference, such as mypack.my_trigger."),
                    ParameterSpec.of("payload", ParameterType.OBJECT).withDescription("The trigger instance's payload."),
                    ParameterSpec.of("trace_tag", ParameterType.STRING).withDescription("Optional trace tag.")));

    private final BiConsumer<String, Map<String, Object>> emitter;

    /** A runner that emits through {@code emitter} (trigger reference, payload). */
    public InjectTriggerRunner(BiConsumer<String, Map<String, Object>> emitter) {
        this.emitter = Objects.requireNonNull(emitter, "emitter");
    }

    @Override
    public RunnerType type() {
        return TYPE;
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("error", "canceled before start"));
        }
        Map<String, Object> values = new LinkedHashMap<>(request.runnerParameters());
        request.actionParameters().forEach(values::putIfAbsent);
        ParameterValues p = new ParameterValues(TYPE, RunRequest.of(request.executionId(), request.actionRef())
                .withRunnerParameters(values));
        String trigger;
        Map<String, Object> payload;
        try {
            Optional<String> legacy = p.string("trigger").filter(s -> !s.isBlank());
            Optional<String> named = p.string("trigger_name").filter(s -> !s.isBlank());
            if (legacy.isPresent() && named.isPresent()) {
                throw new IllegalArgumentException("Parameters `trigger` and `trigger_name` are mutually exclusive.");
            }
            trigger = named.or(() -> legacy)
                    .orElseThrow(() -> new IllegalArgumentException("You must include the `trigger_name` parameter."));
            payload = new LinkedHashMap<>(p.object("payload"));
        } catch (IllegalArgumentException e) {
            return RunOutcome.failure(e.getMessage());
        }
        try {
            emitter.accept(trigger, payload);
        } catch (RuntimeException e) {
            return RunOutcome.failure("Injecting trigger " + trigger + " failed: " + e.getMessage());
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("trigger", trigger);
        echo.put("payload", payload);
        p.string("trace_tag").filter(s -> !s.isBlank()).ifPresent(tag -> echo.put("trace_tag", tag));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("result", echo);
        result.put("exit_code", 0);
        result.put("stdout", "");
        result.put("stderr", "");
        return new RunOutcome.Succeeded(result);
    }
}
