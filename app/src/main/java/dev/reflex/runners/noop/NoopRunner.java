package dev.reflex.runners.noop;

import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code noop} runner: ignores its parameters and succeeds with
 * {@code {"failed": false, "succeeded": true, "return_code": 0}}, like StackStorm's. It declares no
 * runner parameters. Useful for tests and as a placeholder action.
 */
public final class NoopRunner implements Runner {

    /** The runner's metadata. */
    public static final RunnerType TYPE = RunnerType.of("noop",
            "Does nothing and succeeds; the result is the same whatever the parameters.", List.of());

    @Override
    public RunnerType type() {
        return TYPE;
    }

    /** Doing nothing twice is harmless: the engine need not commit {@code running} before it starts. */
    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", false);
        result.put("succeeded", true);
        result.put("return_code", 0);
        return new RunOutcome.Succeeded(result);
    }
}
