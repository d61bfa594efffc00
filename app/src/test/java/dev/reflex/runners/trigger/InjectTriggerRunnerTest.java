package dev.reflex.runners.trigger;

import java.time.Clock;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class InjectTriggerRunnerTest {

    record Emitted(String trigger, Map<String, Object> payload) {
    }

    private final List<Emitted> emitted = new CopyOnWriteArrayList<>();
    private final InjectTriggerRunner runner = new InjectTriggerRunner((ref, payload) -> emitted.add(new Emitted(ref, payload)));

    private RunOutcome run(Map<String, ?> params) {
        return runner.run(RunRequest.of("e1", "core.inject_trigger").withActionParameters(params), RunContext.standalone(Clock.systemUTC()));
    }

    @Test
    void emitsTheTriggerWithItsPayloadAndEchoesItLikeThePythonAction() {
        RunOutcome outcome = run(Map.of("trigger_name", "sensu.event_handler", "payload", Map.of("check", Map.of("name", "check_load")),
                "trace_tag", "evt-1"));
        assertThat(emitted).containsExactly(new Emitted("sensu.event_handler", Map.of("check", Map.of("name", "check_load"))));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsEntry("exit_code", 0).containsEntry("stdout", "").containsEntry("result",
                Map.of("trigger", "sensu.event_handler", "payload", Map.of("check", Map.of("name", "check_load")), "trace_tag", "evt-1"));
    }

    @Test
    void legacyNameJsonPayloadAndErrors() {
        assertThat(run(Map.of("trigger", "pack.t", "payload", "{\"a\": 1}"))).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(emitted).containsExactly(new Emitted("pack.t", Map.of("a", 1)));
        assertThat(run(Map.of("trigger", "a.b", "trigger_name", "c.d")).result())
                .containsEntry("error", "Parameters `trigger` and `trigger_name` are mutually exclusive.");
        assertThat(run(Map.of()).result()).containsEntry("error", "You must include the `trigger_name` parameter.");
        InjectTriggerRunner failing = new InjectTriggerRunner((ref, payload) -> {
            throw new IllegalStateException("bus full");
        });
        assertThat(failing.run(RunRequest.of("e", "core.inject_trigger").withActionParameters(Map.of("trigger_name", "x.y")),
                RunContext.standalone(Clock.systemUTC())).result()).containsEntry("error", "Injecting trigger x.y failed: bus full");
    }
}
