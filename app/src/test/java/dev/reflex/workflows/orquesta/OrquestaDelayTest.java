package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reflex.executions.Execution;
import dev.reflex.executions.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph workflows waiting on the clock: a task's retries after their delay, a poll loop through a
 * delay task, and a delay reached from a task without an action.
 */
class OrquestaDelayTest extends OrquestaFixture {

    @Test
    void retryRunsAgainAfterItsDelayOnTheClockAndThenFollowsTheFailurePath() throws Exception {
        workflow("retry", """
                version: 1.0
                tasks:
                  flaky:
                    action: test.sh
                    input: {cmd: "exit 1"}
                    retry:
                      when: "{{ failed() }}"
                      count: 2
                      delay: 60
                output:
                  - never: "{{ ctx().nothing }}"
                """);
        Execution wf = service.request("test.retry", Map.of(), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 1 && service.children(wf.id()).get(0).status().completed());
        await().until(() -> runner.waitingOnDeadlines() == 1);
        assertThat(service.children(wf.id())).hasSize(1);
        clock.advance(Duration.ofSeconds(61));
        await().until(() -> service.children(wf.id()).size() == 2 && service.children(wf.id()).get(1).status().completed());
        await().until(() -> runner.waitingOnDeadlines() == 1);
        clock.advance(Duration.ofSeconds(61));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.FAILED);
        assertThat(service.children(done.id())).hasSize(3).allMatch(c -> c.status() == ExecutionStatus.FAILED);
        assertThat(service.children(done.id())).extracting(c -> (Object) ((Map<?, ?>) c.context().get("orquesta")).get("attempt"))
                .containsExactlyInAnyOrder(0L, 1L, 2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) done.result().get("errors");
        assertThat(errors).first().satisfies(e -> {
            assertThat(e).containsEntry("task_id", "flaky").containsEntry("message", "Execution failed. See result for details.");
            assertThat(e.get("result")).asString().contains("return_code");
        });
        assertThat(errors.get(1).get("message")).asString().contains("output 'never'");
    }

    @Test
    void aPollLoopWaitsOnADelayTaskUntilItsConditionHoldsOrItsTriesRunOut() throws Exception {
        Path flag = dir.resolve("green");
        workflow("poll", """
                version: 1.0
                input: [flag]
                vars:
                  - tries: 0
                tasks:
                  start:
                    next: [{do: check}]
                  check:
                    action: test.sh
                    input: {cmd: "test -e {{ ctx().flag }}"}
                    next:
                      - when: "{{ succeeded() }}"
                        do: done
                      - when: "{{ failed() and ctx().tries < 5 }}"
                        publish: [{tries: "{{ ctx().tries + 1 }}"}]
                        do: wait
                      - when: "{{ failed() and ctx().tries >= 5 }}"
                        do: fail
                  wait:
                    delay: 30
                    next: [{do: check}]
                  done:
                    action: test.nothing
                output:
                  - tries: "{{ ctx().tries }}"
                """, "flag");
        Execution wf = service.request("test.poll", Map.of("flag", flag.toString()), Map.of(), false);
        await().until(() -> service.children(wf.id()).size() == 1 && service.children(wf.id()).get(0).status().completed());
        await().atMost(Duration.ofSeconds(2)).failFast(() -> service.find(wf.id()).orElseThrow().status().completed())
                .until(() -> runner.waitingOnDeadlines() == 1);
        for (int i = 1; i <= 2; i++) {
            int checks = i;
            await().until(() -> runner.waitingOnDeadlines() == 1 && service.children(wf.id()).size() == checks);
            clock.advance(Duration.ofSeconds(31));
        }
        await().until(() -> runner.waitingOnDeadlines() == 1 && service.children(wf.id()).size() == 3);
        Files.writeString(flag, "");
        clock.advance(Duration.ofSeconds(31));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(done.result()).isEqualTo(Map.of("output", Map.of("tries", 3L)));
        assertThat(taskNames(done.id())).containsExactlyInAnyOrder("check", "check", "check", "check", "done");
    }

    @Test
    void aDelayReachedFromATaskWithoutAnActionWaitsOnTheClock() throws Exception {
        workflow("pause", """
                version: 1.0
                input: [seconds]
                tasks:
                  start:
                    next: [{do: wait}]
                  wait:
                    delay: "{{ ctx().seconds }}"
                    next: [{do: after}]
                  after:
                    action: test.nothing
                """, "seconds");
        Execution wf = service.request("test.pause", Map.of("seconds", 30), Map.of(), false);
        // before the fix the delay counted from time zero and 'after' ran at once
        await().failFast(() -> !service.children(wf.id()).isEmpty()).until(() -> runner.waitingOnDeadlines() == 1);
        assertThat(service.children(wf.id())).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        Execution done = awaitStatus(wf.id(), ExecutionStatus.SUCCEEDED);
        assertThat(taskNames(done.id())).containsExactly("after");
    }
}
